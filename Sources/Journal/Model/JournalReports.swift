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
    /// Proofs (A4 certificates) printed.
    public var proofsPrinted: Int = 0
    /// Transactions that took money.
    public var payments: Int = 0
    /// What went wrong, most frequent first.
    public var failures: [FailureCause] = []
}

/// One cause of failure on a day and how often it happened: a refused card and why, a
/// department that did not answer, a print that failed, money that needs an operator.
public struct FailureCause: Hashable, Sendable {
    /// The event code (`card-rejected`, `certificate-failed`, `needs-attention`, `paper-out`).
    public var code: String
    /// The reason in words for a visit's failure (`证件已过期 / The card has expired`), or the
    /// device (`receipt-printer`) for a device's.
    public var detail: String
    /// How many times.
    public var count: Int

    /// Creates the value.
    public init(code: String, detail: String, count: Int) {
        self.code = code
        self.detail = detail
        self.count = count
    }
}

/// One visit as the journal holds it (no personal data: masked fields are not included).
public struct SessionRecord: Hashable, Sendable {
    /// `HS-0001-000042`.
    public var id: String
    /// When the card was read.
    public var startedAt: Date
    /// The local calendar day it started.
    public var day: String
    /// When it ended, if it has.
    public var endedAt: Date?
    /// How it ended (`completed`, `timedOut`), if it has.
    public var outcome: SessionOutcome?
    /// The service chosen.
    public var service: ServiceCode?
    /// The type of card read.
    public var cardType: CardType?
}

/// Filters for ``Journal/sessions(matching:)``.
public struct SessionQuery: Hashable, Sendable {
    /// Started at or after.
    public var from: Date?
    /// Started before.
    public var to: Date?
    /// At most this many, newest first.
    public var limit: Int

    /// Creates a query.
    public init(from: Date? = nil, to: Date? = nil, limit: Int = 20) {
        self.from = from
        self.to = to
        self.limit = limit
    }
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
