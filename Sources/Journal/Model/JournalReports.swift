import Foundation
import KioskCore

/// One local calendar day of activity, for the operator's statistics.
public struct DailyStatistics: Hashable, Sendable {
    /// `2026-11-26` (kiosk time zone).
    public var day: String
    /// Visits started.
    public var sessions: Int
    /// Visits that ended completed.
    public var sessionsCompleted: Int
    /// Transactions opened.
    public var transactions: Int
    /// …completed.
    public var completed: Int
    /// …cancelled.
    public var cancelled: Int
    /// …failed with nothing taken.
    public var failed: Int
    /// …needing an operator now.
    public var needsAttention: Int
    /// …resolved by an operator.
    public var resolved: Int
    /// Money taken.
    public var amountPaid: Money
    /// Overpayments kept on vouchers.
    public var credit: Money
}

/// The upload queue as an operator sees it (`onetrip queue status`).
public struct OutboxStatus: Hashable, Sendable {
    /// Records waiting for the back office.
    public var pendingRecords: Int
    /// Their payload bytes.
    public var pendingBytes: Int
    /// Telemetry among them.
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
}

/// What ``Journal/purgeExpired(now:)`` deleted.
public struct PurgeReport: Hashable, Sendable {
    /// Outbox records.
    public var outboxRecords: Int
    /// Sessions.
    public var sessions: Int
    /// Transactions.
    public var transactions: Int
    /// Events.
    public var events: Int
}

/// What an acknowledgement changed.
public struct AcknowledgementResult: Hashable, Sendable {
    /// Everything up to here is acknowledged now.
    public var acknowledgedThrough: Int64
    /// Records newly acknowledged by this call.
    public var newlyAcknowledged: Int
}

/// The outbox's sequence counters.
public struct OutboxCounters: Hashable, Sendable {
    /// The last sequence number issued.
    public var highestSequence: Int64
    /// Everything up to here is acknowledged.
    public var acknowledgedThrough: Int64
    /// Telemetry dropped under the cap, running total.
    public var droppedTelemetry: Int64
}
