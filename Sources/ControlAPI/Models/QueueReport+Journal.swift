import Journal

extension QueueReport {
    /// The report of a journal's outbox; `uploader` says what the uploader is doing (`nil`
    /// when no back office is configured, or when the journal file was read directly).
    public init(outbox status: OutboxStatus, uploader: String?) {
        self.init(
            pendingRecords: status.pendingRecords, pendingBytes: status.pendingBytes, pendingTelemetry: status.pendingTelemetry,
            oldestPendingAt: status.oldestPendingAt, acknowledgedThrough: status.acknowledgedThrough, highestSequence: status.highestSequence,
            lastUploadAt: status.lastUploadAt, lastError: status.lastError, lastErrorAt: status.lastErrorAt, droppedTelemetry: status.droppedTelemetry,
            uploader: uploader)
    }
}
