/// A step of a visit for the journal. Holds masked data and keyed hashes only: nothing in it can
/// identify a citizen without the kiosk's key.
public struct JournalEntry: Hashable, Sendable {
    /// The session the step belongs to.
    public var sessionID: SessionID
    /// The transaction, once there is one.
    public var transactionID: TransactionID?
    /// What happened.
    public var event: Event

    /// Creates an entry.
    public init(sessionID: SessionID, transactionID: TransactionID? = nil, event: Event) {
        self.sessionID = sessionID
        self.transactionID = transactionID
        self.event = event
    }

    /// What happened.
    public enum Event: Hashable, Sendable {
        /// A card was accepted and a visit began.
        case sessionStarted(MaskedIdentity, CitizenKey)
        /// A card was refused (reason for technicians).
        case cardRejected(String)
        /// The citizen chose a service.
        case serviceSelected(ServiceCode)
        /// Records arrived (how many rows, never the rows).
        case recordsFetched(RecordsSource, count: Int)
        /// Records could not be had.
        case recordsUnavailable(RecordsSource, String)
        /// A transaction began (a payment or a print).
        case transactionOpened(ServiceCode, amountDue: Money)
        /// A payment device was enabled.
        case paymentStarted(PaymentMethod, amountDue: Money)
        /// A note was credited; the running total.
        case noteCredited(Money, totalPaid: Money)
        /// A payment code payment succeeded.
        case paymentCodePaid(Money)
        /// Payment is complete; `credit` is the overpayment kept on a voucher.
        case paymentCompleted(paid: Money, credit: Money)
        /// The citizen stopped paying or time ran out; `paid` is what was credited before.
        case paymentAbandoned(paid: Money)
        /// The proof printed.
        case certificatePrinted
        /// The proof did not print.
        case certificateFailed(String)
        /// The receipt printed.
        case receiptPrinted(ReceiptJob.Kind)
        /// The receipt did not print.
        case receiptFailed(String)
        /// Money was taken and the service was not (fully) delivered: an operator must act.
        case needsAttention(String)
        /// The transaction ended.
        case transactionClosed(TransactionOutcome)
        /// The visit ended.
        case sessionEnded(SessionOutcome)
    }
}

/// How a transaction ended.
public enum TransactionOutcome: String, Hashable, Sendable, Codable {
    /// Paid (if anything was due) and delivered.
    case completed
    /// Nothing was taken and nothing delivered.
    case cancelled
    /// Delivery failed with nothing taken.
    case failed
    /// Money was taken but delivery failed or is unclear: an operator must resolve it.
    case needsAttention
}

/// How a visit ended.
public enum SessionOutcome: String, Hashable, Sendable, Codable {
    /// The citizen got what they came for.
    case completed
    /// The citizen cancelled.
    case cancelled
    /// The citizen walked away (a deadline passed).
    case timedOut
    /// Something failed.
    case failed
    /// The card was refused.
    case rejected
}
