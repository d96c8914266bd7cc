import Foundation

/// The upload queue in full (`GET /v1/queue`, `onetrip queue status`).
public struct QueueReport: Hashable, Sendable, Codable {
    /// Records waiting for the back office.
    public var pendingRecords: Int
    /// Their payload bytes.
    public var pendingBytes: Int
    /// Telemetry records among them.
    public var pendingTelemetry: Int
    /// When the oldest waiting record was written.
    public var oldestPendingAt: Date?
    /// Records up to this sequence number are acknowledged.
    public var acknowledgedThrough: Int64
    /// The last sequence number issued.
    public var highestSequence: Int64
    /// When the back office last acknowledged a batch.
    public var lastUploadAt: Date?
    /// The last upload failure since then, in words.
    public var lastError: String?
    /// When it happened.
    public var lastErrorAt: Date?
    /// Telemetry records dropped under the cap since the journal was created.
    public var droppedTelemetry: Int64
    /// What the uploader is doing (`idle`, `uploading`, `backing off until 14:03:10`), or `nil`
    /// when no back office is configured (or the report was read from the journal file).
    public var uploader: String?

    /// Creates a report.
    public init(
        pendingRecords: Int, pendingBytes: Int, pendingTelemetry: Int, oldestPendingAt: Date?, acknowledgedThrough: Int64, highestSequence: Int64,
        lastUploadAt: Date?, lastError: String?, lastErrorAt: Date?, droppedTelemetry: Int64, uploader: String?
    ) {
        self.pendingRecords = pendingRecords
        self.pendingBytes = pendingBytes
        self.pendingTelemetry = pendingTelemetry
        self.oldestPendingAt = oldestPendingAt
        self.acknowledgedThrough = acknowledgedThrough
        self.highestSequence = highestSequence
        self.lastUploadAt = lastUploadAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.droppedTelemetry = droppedTelemetry
        self.uploader = uploader
    }

    /// The brief form for the status report.
    public var summary: QueueSummary {
        QueueSummary(pendingRecords: self.pendingRecords, oldestPendingAt: self.oldestPendingAt, lastUploadAt: self.lastUploadAt, lastError: self.lastError)
    }
}

/// Progress of `POST /v1/queue/flush`, one line per acknowledged batch.
public struct QueueFlushProgress: Hashable, Sendable, Codable {
    /// Records acknowledged during this flush so far.
    public var uploaded: Int
    /// Sequence numbers still waiting (an upper bound: dropped telemetry leaves gaps).
    public var remaining: Int64
    /// Everything up to here is acknowledged.
    public var acknowledgedThrough: Int64

    /// Creates the value.
    public init(uploaded: Int, remaining: Int64, acknowledgedThrough: Int64) {
        self.uploaded = uploaded
        self.remaining = remaining
        self.acknowledgedThrough = acknowledgedThrough
    }

    /// The fraction done, 0…1, for a progress bar.
    public var fractionDone: Double {
        let total = Double(self.uploaded) + Double(max(0, self.remaining))
        return total == 0 ? 1 : Double(self.uploaded) / total
    }
}

/// How a flush ended: the queue is empty (`remaining == 0`), or the daemon stopped trying.
public struct QueueFlushResult: Hashable, Sendable, Codable {
    /// Records acknowledged during the flush.
    public var uploaded: Int
    /// Records still waiting.
    public var remaining: Int64
    /// Everything up to here is acknowledged.
    public var acknowledgedThrough: Int64

    /// Creates the value.
    public init(uploaded: Int, remaining: Int64, acknowledgedThrough: Int64) {
        self.uploaded = uploaded
        self.remaining = remaining
        self.acknowledgedThrough = acknowledgedThrough
    }
}
