import Foundation
import KioskCore

/// One transaction as the journal holds it, for operators.
public struct TransactionRecord: Hashable, Sendable {
    /// `HS-0001-000042T`.
    public var id: String
    /// `HS-0001-000042`.
    public var sessionID: String
    /// The service, once known.
    public var service: ServiceCode?
    /// Where it stands.
    public var state: TransactionState
    /// What was due.
    public var amountDue: Money
    /// What was paid.
    public var amountPaid: Money
    /// Overpayment kept on a voucher.
    public var credit: Money
    /// How it was paid.
    public var paymentMethod: PaymentMethod?
    /// `printed` or `failed: reason`.
    public var certificate: String?
    /// `printed receipt`, `failed: reason`.
    public var receipt: String?
    /// Why it needs attention.
    public var attentionReason: String?
    /// How the session said it ended.
    public var outcome: TransactionOutcome?
    /// The citizen, masked (from the session).
    public var citizen: MaskedIdentity?
    /// The citizen's keyed hash.
    public var citizenKey: CitizenKey?
    /// When it opened.
    public var openedAt: Date
    /// The local calendar day it opened (`2026-11-26`).
    public var day: String
    /// When it closed.
    public var closedAt: Date?
    /// When it last changed.
    public var updatedAt: Date
    /// When an operator resolved it.
    public var resolvedAt: Date?
    /// The operator's note.
    public var resolution: String?
}

/// Filters for ``Journal/transactions(matching:)``; every set field must match.
public struct TransactionQuery: Hashable, Sendable {
    /// Opened at or after.
    public var from: Date?
    /// Opened before.
    public var to: Date?
    /// For this service.
    public var service: ServiceCode?
    /// In one of these states.
    public var states: Set<TransactionState>?
    /// For this citizen (compute with ``CitizenKeyer/key(forTyped:)``).
    public var citizenKey: CitizenKey?
    /// At most this many, newest first.
    public var limit: Int

    /// Creates a query.
    public init(
        from: Date? = nil, to: Date? = nil, service: ServiceCode? = nil, states: Set<TransactionState>? = nil, citizenKey: CitizenKey? = nil,
        limit: Int = 100
    ) {
        self.from = from
        self.to = to
        self.service = service
        self.states = states
        self.citizenKey = citizenKey
        self.limit = limit
    }
}
