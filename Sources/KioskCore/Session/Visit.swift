/// One citizen's visit while their data is in memory: from an accepted card to the moment the
/// kiosk asks them to collect their document.
public struct Visit: Hashable, Sendable {
    /// The session's id.
    public let id: SessionID
    /// The citizen's card. Dropped with the visit.
    public var identity: Identity
    /// The keyed hash of the card's number, for the journal.
    public var citizenKey: CitizenKey
    /// The chosen service.
    public var service: Service?
    /// The fetched records. Dropped with the visit.
    public var records: CitizenRecords?
    /// The transaction, once a payment or print starts.
    public var transaction: Transaction?

    /// Creates a visit for an accepted card.
    public init(id: SessionID, identity: Identity, citizenKey: CitizenKey) {
        self.id = id
        self.identity = identity
        self.citizenKey = citizenKey
    }

    /// The amount the chosen service costs given the records.
    public var amountDue: Money {
        guard let service = self.service else { return .zero }
        return service.fee.amountDue(for: self.records)
    }
}

/// The money and print state of a visit's transaction.
public struct Transaction: Hashable, Sendable {
    /// The transaction's id.
    public let id: TransactionID
    /// What is due.
    public var amountDue: Money
    /// What has been credited.
    public var amountPaid: Money = .zero
    /// How it was paid (the last method used).
    public var method: PaymentMethod?
    /// Whether the proof came out.
    public var isCertificatePrinted = false
    /// Whether the transaction already needs an operator.
    public var needsAttention = false

    /// Creates a transaction.
    public init(id: TransactionID, amountDue: Money) {
        self.id = id
        self.amountDue = amountDue
    }

    /// What is still due.
    public var remaining: Money { max(.zero, self.amountDue - self.amountPaid) }
    /// Whether everything due is paid.
    public var isPaid: Bool { self.amountPaid >= self.amountDue }
}

/// Where a payment stands.
public struct PaymentProgress: Hashable, Sendable {
    /// The method in use.
    public var method: PaymentMethod
    /// Whether a code payment waits for the citizen to confirm on the phone.
    public var isConfirmingOnPhone = false
    /// The last thing to tell the citizen (a refused note, a failed code).
    public var message: LocalizedText?

    /// Creates a payment progress.
    public init(method: PaymentMethod) { self.method = method }
}

/// What is printing.
public enum PrintStep: Hashable, Sendable {
    /// The A4 proof, with pages done so far.
    case certificate(completed: Int, total: Int)
    /// The receipt, slip or voucher.
    case receipt(ReceiptJob.Kind)
}

/// The last screen of a visit (collect or error): no personal data, only what to tell the citizen.
public struct Farewell: Hashable, Sendable {
    /// The session that ended.
    public var sessionID: SessionID?
    /// The transaction, when the citizen may need its number.
    public var transactionID: TransactionID?
    /// The title.
    public var title: LocalizedText
    /// What to tell the citizen.
    public var message: LocalizedText
    /// How the visit ended.
    public var outcome: SessionOutcome

    /// Creates a farewell.
    public init(
        sessionID: SessionID?, transactionID: TransactionID?, title: LocalizedText, message: LocalizedText,
        outcome: SessionOutcome
    ) {
        self.sessionID = sessionID
        self.transactionID = transactionID
        self.title = title
        self.message = message
        self.outcome = outcome
    }
}
