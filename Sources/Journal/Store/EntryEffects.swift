import KioskCore
import UploadContract

/// What one ``JournalEntry`` writes: its outbox record's kind and payload, and the changes to
/// the visit's and transaction's rows. A pure mapping, tested on its own.
struct EntryEffects: Equatable {
    /// The outbox record's kind (`journal.paymentCompleted`).
    var kind: String
    /// The outbox payload (masked data only).
    var payload: [String: JSONValue]
    /// The change to the session row, if the entry concerns the visit.
    var session: SessionChange?
    /// The change to the transaction row, if the entry concerns the transaction.
    var transaction: TransactionChange?
    /// An entry for the operator's event log, for entries an operator must see.
    var logEntry: LogEntry?

    struct SessionChange: Equatable {
        var identity: MaskedIdentity?
        var citizenKey: CitizenKey?
        var service: String?
        var outcome: String?
        var ends = false
    }

    struct TransactionChange: Equatable {
        var service: String?
        var state: TransactionState?
        var amountDue: Int64?
        var amountPaid: Int64?
        var credit: Int64?
        var paymentMethod: String?
        var certificate: String?
        var receipt: String?
        var attentionReason: String?
        var outcome: String?
        var closes = false
    }

    struct LogEntry: Equatable {
        var level: JournalEvent.Level
        var code: String
        var message: String
    }

    init(kind: String, payload: [String: JSONValue], session: SessionChange? = nil, transaction: TransactionChange? = nil, logEntry: LogEntry? = nil) {
        self.kind = "journal." + kind
        self.payload = payload
        self.session = session
        self.transaction = transaction
        self.logEntry = logEntry
    }

    // swift-format-ignore
    /// The effects of an entry.
    init(_ event: JournalEntry.Event) {
        func fen(_ money: Money) -> JSONValue { .integer(money.fen) }
        switch event {
        case .sessionStarted(let identity, let key):
            var payload: [String: JSONValue] = [
                "cardType": .string(identity.cardType.rawValue), "name": .string(identity.name),
                "documentNumber": .string(identity.documentNumber), "citizenKey": .string(key.hex),
            ]
            if let address = identity.address { payload["address"] = .string(address) }
            self.init(kind: "sessionStarted", payload: payload, session: SessionChange(identity: identity, citizenKey: key))
        case .cardRejected(let reason):
            self.init(kind: "cardRejected", payload: ["reason": .string(reason)], session: SessionChange(),
                      logEntry: LogEntry(level: .warning, code: "card-rejected", message: reason))
        case .serviceSelected(let service):
            self.init(kind: "serviceSelected", payload: ["service": .string(service.rawValue)], session: SessionChange(service: service.rawValue))
        case .recordsFetched(let source, let count):
            self.init(kind: "recordsFetched", payload: ["source": .string(source.rawValue), "count": .integer(Int64(count))], session: SessionChange())
        case .recordsUnavailable(let source, let reason):
            self.init(kind: "recordsUnavailable", payload: ["source": .string(source.rawValue), "reason": .string(reason)], session: SessionChange(),
                      logEntry: LogEntry(level: .warning, code: "records-unavailable", message: "\(source.rawValue): \(reason)"))
        case .transactionOpened(let service, let due):
            self.init(kind: "transactionOpened", payload: ["service": .string(service.rawValue), "amountDueFen": fen(due)],
                      transaction: TransactionChange(service: service.rawValue, state: .open, amountDue: due.fen))
        case .paymentStarted(let method, let due):
            self.init(kind: "paymentStarted", payload: ["method": .string(method.rawValue), "amountDueFen": fen(due)],
                      transaction: TransactionChange(state: .paying, amountDue: due.fen, paymentMethod: method.rawValue))
        case .noteCredited(let note, let total):
            self.init(kind: "noteCredited", payload: ["noteFen": fen(note), "totalPaidFen": fen(total)],
                      transaction: TransactionChange(amountPaid: total.fen, paymentMethod: PaymentMethod.cash.rawValue))
        case .paymentCodePaid(let amount):
            self.init(kind: "paymentCodePaid", payload: ["amountFen": fen(amount)],
                      transaction: TransactionChange(amountPaid: amount.fen, paymentMethod: PaymentMethod.paymentCode.rawValue))
        case .paymentCompleted(let paid, let credit):
            self.init(kind: "paymentCompleted", payload: ["paidFen": fen(paid), "creditFen": fen(credit)],
                      transaction: TransactionChange(state: .paid, amountPaid: paid.fen, credit: credit.fen))
        case .paymentAbandoned(let paid):
            self.init(kind: "paymentAbandoned", payload: ["paidFen": fen(paid)], transaction: TransactionChange(amountPaid: paid.fen))
        case .certificatePrinted:
            self.init(kind: "certificatePrinted", payload: [:], transaction: TransactionChange(certificate: "printed"))
        case .certificateFailed(let reason):
            self.init(kind: "certificateFailed", payload: ["reason": .string(reason)], transaction: TransactionChange(certificate: "failed: \(reason)"),
                      logEntry: LogEntry(level: .error, code: "certificate-failed", message: reason))
        case .receiptPrinted(let kind):
            self.init(kind: "receiptPrinted", payload: ["receiptKind": .string(kind.rawValue)], transaction: TransactionChange(receipt: "printed \(kind.rawValue)"))
        case .receiptFailed(let reason):
            self.init(kind: "receiptFailed", payload: ["reason": .string(reason)], transaction: TransactionChange(receipt: "failed: \(reason)"),
                      logEntry: LogEntry(level: .error, code: "receipt-failed", message: reason))
        case .needsAttention(let reason):
            self.init(kind: "needsAttention", payload: ["reason": .string(reason)],
                      transaction: TransactionChange(state: .needsAttention, attentionReason: reason),
                      logEntry: LogEntry(level: .critical, code: "needs-attention", message: reason))
        case .transactionClosed(let outcome):
            self.init(kind: "transactionClosed", payload: ["outcome": .string(outcome.rawValue)],
                      transaction: TransactionChange(state: TransactionState(outcome), outcome: outcome.rawValue, closes: true))
        case .sessionEnded(let outcome):
            self.init(kind: "sessionEnded", payload: ["outcome": .string(outcome.rawValue)], session: SessionChange(outcome: outcome.rawValue, ends: true))
        }
    }
}
