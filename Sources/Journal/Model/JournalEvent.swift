import Foundation
import KioskCore
import UploadContract

/// An entry of the operator's event log: a device fault, an operator's action, a system
/// notice. Never put personal data in `message`: the log is uploaded and kept for the retention.
public struct JournalEvent: Hashable, Sendable {
    /// How serious.
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// Detail for developers.
        case debug
        /// Normal operation.
        case info
        /// Worth an operator's notice (an operator action).
        case notice
        /// Something to look at soon (paper low).
        case warning
        /// Something failed (a jam, a print failure).
        case error
        /// Money or a citizen is affected now (needs attention).
        case critical

        /// Ordered by severity.
        public static func < (lhs: Level, rhs: Level) -> Bool {
            Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
        }
    }

    /// Where it came from.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        /// A device (paper low, reconnected, jam).
        case device
        /// An operator or technician (opened the cash box, resolved a transaction).
        case `operator`
        /// The daemon itself (started, configuration reloaded, disk nearly full).
        case system
        /// A visit (card refused, transaction needs attention), written by the journal.
        case session
    }

    /// How serious.
    public var level: Level
    /// Where it came from.
    public var category: Category
    /// Which device, operator or component (`receipt-printer`, `operator:wang`).
    public var source: String
    /// A stable code (`paper-low`, `cash-box-opened`).
    public var code: String
    /// In words.
    public var message: String
    /// The visit, if it concerns one.
    public var sessionID: SessionID?
    /// The transaction, if it concerns one.
    public var transactionID: TransactionID?
    /// Whether the back office must get it (`.audit`) or it may be dropped under the cap
    /// (`.telemetry`). `.transaction` is treated as `.audit`.
    public var delivery: RecordCategory

    /// Creates an event.
    public init(
        level: Level, category: Category, source: String, code: String, message: String, sessionID: SessionID? = nil,
        transactionID: TransactionID? = nil, delivery: RecordCategory
    ) {
        self.level = level
        self.category = category
        self.source = source
        self.code = code
        self.message = message
        self.sessionID = sessionID
        self.transactionID = transactionID
        self.delivery = delivery
    }

    /// A device event: telemetry, dropped first under the cap.
    public static func device(_ source: String, code: String, message: String, level: Level = .info) -> JournalEvent {
        JournalEvent(level: level, category: .device, source: source, code: code, message: message, delivery: .telemetry)
    }

    /// An operator's action: audit, never dropped.
    public static func operatorAction(_ operatorName: String, code: String, message: String, level: Level = .notice) -> JournalEvent {
        JournalEvent(level: level, category: .operator, source: "operator:\(operatorName)", code: code, message: message, delivery: .audit)
    }
}

/// One stored event.
public struct EventRecord: Hashable, Sendable {
    /// Its row id.
    public var id: Int64
    /// When.
    public var at: Date
    /// The event.
    public var event: JournalEvent
    /// The outbox record that carries it (`nil` for events the journal wrote alongside a
    /// journal entry, which carries them).
    public var sequence: Int64?
}

/// Filters for ``Journal/events(matching:)``.
public struct EventQuery: Hashable, Sendable {
    /// At or after.
    public var from: Date?
    /// Before.
    public var to: Date?
    /// At least this serious.
    public var minimumLevel: JournalEvent.Level?
    /// Of this category.
    public var category: JournalEvent.Category?
    /// From this source.
    public var source: String?
    /// With this code.
    public var code: String?
    /// Concerning this visit (`HS-0001-000042`).
    public var sessionID: String?
    /// Concerning this transaction (`HS-0001-000042T`).
    public var transactionID: String?
    /// Concerning a visit for this service.
    public var service: ServiceCode?
    /// Only events stored after this one (its ``EventRecord/id``): how `onetrip logs --follow`
    /// picks up new rows.
    public var afterID: Int64?
    /// Oldest first instead of newest first.
    public var oldestFirst: Bool
    /// At most this many, newest first (or oldest first).
    public var limit: Int

    /// Creates a query.
    public init(
        from: Date? = nil, to: Date? = nil, minimumLevel: JournalEvent.Level? = nil, category: JournalEvent.Category? = nil,
        source: String? = nil, code: String? = nil, limit: Int = 200, sessionID: String? = nil, transactionID: String? = nil,
        service: ServiceCode? = nil, afterID: Int64? = nil, oldestFirst: Bool = false
    ) {
        self.from = from
        self.to = to
        self.minimumLevel = minimumLevel
        self.category = category
        self.source = source
        self.code = code
        self.sessionID = sessionID
        self.transactionID = transactionID
        self.service = service
        self.afterID = afterID
        self.oldestFirst = oldestFirst
        self.limit = limit
    }
}
