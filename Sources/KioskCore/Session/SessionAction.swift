/// Something the session asks its owner to do. The session performs no I/O: the owner
/// carries out each action and feeds the outcome back as a ``SessionEvent``.
public enum SessionAction: Hashable, Sendable {
    /// Draw this screen now.
    case show(Screen)
    /// Say this through the speaker.
    case speak(Prompt)
    /// Fetch the citizen's records for a service; answer with `.recordsFetched` or `.recordsUnavailable`.
    case fetchRecords(RecordsRequest)
    /// Enable the payment device for a transaction.
    case startPayment(PaymentRequest)
    /// Stack the note held in escrow (the owner journals the intent first).
    case stackEscrowedNote(TransactionID, Money)
    /// Return the note held in escrow to the citizen.
    case returnEscrowedNote(TransactionID, Money)
    /// Disable the payment device; an escrowed note is returned, a pending code payment cancelled.
    case stopPayment(TransactionID)
    /// Render and print the proof.
    case printCertificate(CertificateJob)
    /// Cancel the proof's print job (the session gave up waiting).
    case cancelCertificate(TransactionID)
    /// Print a receipt, slip or voucher.
    case printReceipt(ReceiptJob)
    /// Write this to the journal (masked data only).
    case journal(JournalEntry)
    /// Send a `.tick` no later than this uptime.
    case armDeadline(Duration)
    /// The visit is over: drop anything kept for it (records, identity, cached PDFs).
    case endSession(SessionID)
}

/// A request for a citizen's records.
public struct RecordsRequest: Hashable, Sendable {
    /// The session asking (echo it in the answer).
    public var sessionID: SessionID
    /// The service the records are for.
    public var service: ServiceCode
    /// Which department.
    public var source: RecordsSource
    /// Whose records. Personal data: send only to the records provider.
    public var identity: Identity

    /// Creates a request.
    public init(sessionID: SessionID, service: ServiceCode, source: RecordsSource, identity: Identity) {
        self.sessionID = sessionID
        self.service = service
        self.source = source
        self.identity = identity
    }
}

/// A request to take money.
public struct PaymentRequest: Hashable, Sendable {
    /// The transaction (the payment provider's out-trade number derives from it).
    public var transactionID: TransactionID
    /// How the citizen pays.
    public var method: PaymentMethod
    /// What is still due.
    public var amountDue: Money
    /// The service, for the payment description.
    public var service: ServiceCode

    /// Creates a request.
    public init(transactionID: TransactionID, method: PaymentMethod, amountDue: Money, service: ServiceCode) {
        self.transactionID = transactionID
        self.method = method
        self.amountDue = amountDue
        self.service = service
    }
}

/// A proof to render and print.
public struct CertificateJob: Hashable, Sendable {
    /// The transaction (also the job's name at CUPS).
    public var transactionID: TransactionID
    /// The service.
    public var service: ServiceCode
    /// The layout.
    public var template: DocumentTemplate
    /// Whose proof. Personal data: printed for the citizen, never stored.
    public var identity: Identity
    /// What the proof certifies.
    public var records: CitizenRecords

    /// Creates a job.
    public init(transactionID: TransactionID, service: ServiceCode, template: DocumentTemplate, identity: Identity, records: CitizenRecords) {
        self.transactionID = transactionID
        self.service = service
        self.template = template
        self.identity = identity
        self.records = records
    }
}

/// A receipt, slip or voucher for the thermal printer. Holds masked data only.
public struct ReceiptJob: Hashable, Sendable {
    /// What kind of slip.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A payment or service receipt.
        case receipt
        /// A printout of information shown on screen (appointments).
        case slip
        /// Money was taken but the service could not be delivered: keep this to claim it.
        case voucher
    }

    /// The transaction.
    public var transactionID: TransactionID
    /// What kind of slip.
    public var kind: Kind
    /// The service's name.
    public var serviceName: LocalizedText
    /// The citizen, masked.
    public var citizen: MaskedIdentity
    /// Body rows (label, value).
    public var rows: [ReceiptRow]
    /// What was due.
    public var amountDue: Money
    /// What was paid.
    public var amountPaid: Money
    /// How it was paid, if money was taken.
    public var paymentMethod: PaymentMethod?
    /// A message in a box (voucher instructions, "proof printed").
    public var notice: LocalizedText?

    /// Creates a job.
    public init(
        transactionID: TransactionID, kind: Kind, serviceName: LocalizedText, citizen: MaskedIdentity, rows: [ReceiptRow],
        amountDue: Money, amountPaid: Money, paymentMethod: PaymentMethod?, notice: LocalizedText?
    ) {
        self.transactionID = transactionID
        self.kind = kind
        self.serviceName = serviceName
        self.citizen = citizen
        self.rows = rows
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.paymentMethod = paymentMethod
        self.notice = notice
    }

    /// Money taken beyond what was due, credited on the voucher part of the receipt.
    public var credit: Money { max(.zero, self.amountPaid - self.amountDue) }
}

/// A label/value row on a receipt.
public struct ReceiptRow: Hashable, Sendable, Codable {
    /// The label.
    public var label: LocalizedText
    /// The value.
    public var value: String

    /// Creates a row.
    public init(label: LocalizedText, value: String) {
        self.label = label
        self.value = value
    }
}
