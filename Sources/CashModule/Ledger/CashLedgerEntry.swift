import KioskCore

/// One line of the cash-in ledger: the bill validator's write-ahead log. Lines are only ever
/// appended; a cash-in's state is what its lines add up to (``CashInRecord``).
///
/// The order that keeps money safe: `escrowed` when a note is held, `stackIntent` **before** the
/// accepting POLL is sent, `credited` when the validator reports CREDIT (0xEE, the only credit
/// point, research B.7), `returnIntent` before REJECT, `returned` when the note is back with the
/// citizen, `uncertain` when nobody can tell (an operator must look), `closed` when the cash-in ends.
public struct CashLedgerEntry: Hashable, Sendable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A cash-in began for a transaction.
        case opened
        /// A note is held in escrow (not money yet).
        case escrowed
        /// The kiosk decided to stack the note; the accepting POLL is sent only after this line is on disk.
        case stackIntent = "stack-intent"
        /// The kiosk decided to return the note; REJECT is sent after this line is on disk.
        case returnIntent = "return-intent"
        /// The validator credited the note: it is money.
        case credited
        /// Stacking finished.
        case stacked
        /// The note went back to the citizen.
        case returned
        /// Nobody can tell whether the note was taken: an operator must look.
        case uncertain
        /// A credit the kiosk did not ask for (no note in flight): money without a decision.
        case unexpectedCredit = "unexpected-credit"
        /// The cash-in ended.
        case closed
    }

    /// What happened.
    public var kind: Kind
    /// The transaction, if the line belongs to one.
    public var transactionID: TransactionID?
    /// The note's number within its transaction (0, 1, 2…).
    public var noteIndex: Int?
    /// The validator channel.
    public var channel: Int?
    /// The note's value (or the amount due for `opened`, the total credited for `closed`).
    public var value: Money?
    /// The validator's stacked-notes counter when the line was written (GET COUNTERS).
    public var counter: UInt32?
    /// Words for the operator (reject reason, evidence used at reconciliation).
    public var detail: String?

    /// Creates a line.
    public init(
        kind: Kind, transactionID: TransactionID?, noteIndex: Int? = nil, channel: Int? = nil, value: Money? = nil, counter: UInt32? = nil,
        detail: String? = nil
    ) {
        self.kind = kind
        self.transactionID = transactionID
        self.noteIndex = noteIndex
        self.channel = channel
        self.value = value
        self.counter = counter
        self.detail = detail
    }

    /// A cash-in opened for `amountDue`.
    public static func opened(_ transaction: TransactionID, amountDue: Money) -> CashLedgerEntry {
        CashLedgerEntry(kind: .opened, transactionID: transaction, value: amountDue)
    }

    /// A line about one note.
    public static func note(
        _ kind: Kind, _ note: NoteInFlight, counter: UInt32? = nil, detail: String? = nil
    ) -> CashLedgerEntry {
        CashLedgerEntry(
            kind: kind, transactionID: note.transactionID, noteIndex: note.index, channel: note.channel, value: note.value, counter: counter,
            detail: detail)
    }

    /// The cash-in ended with `credited` taken in total.
    public static func closed(_ transaction: TransactionID, credited: Money, detail: String? = nil) -> CashLedgerEntry {
        CashLedgerEntry(kind: .closed, transactionID: transaction, value: credited, detail: detail)
    }

    public var description: String {
        var parts = [self.kind.rawValue]
        if let transactionID { parts.append("\(transactionID)") }
        if let noteIndex { parts.append("note \(noteIndex)") }
        if let channel { parts.append("ch \(channel)") }
        if let value { parts.append("\(value)") }
        if let counter { parts.append("counter \(counter)") }
        if let detail { parts.append("(\(detail))") }
        return parts.joined(separator: " ")
    }
}

/// A banknote on its way through the validator, as the driver and the ledger know it.
public struct NoteInFlight: Hashable, Sendable, CustomStringConvertible {
    /// The transaction it pays.
    public var transactionID: TransactionID
    /// Its number within the transaction.
    public var index: Int
    /// The validator channel.
    public var channel: Int
    /// Its value.
    public var value: Money

    /// Creates a note.
    public init(transactionID: TransactionID, index: Int, channel: Int, value: Money) {
        self.transactionID = transactionID
        self.index = index
        self.channel = channel
        self.value = value
    }

    public var description: String { "\(self.value) note #\(self.index) (ch \(self.channel)) of \(self.transactionID)" }
}
