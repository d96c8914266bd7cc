import KioskCore
import Records

/// Shows screens on the kiosk display (the terminal UI process).
public protocol ScreenOutput: Sendable {
    /// Draws a screen now.
    func show(_ screen: Screen) async
}

/// Speaks prompts through the kiosk's speaker.
public protocol VoicePrompter: Sendable {
    /// Says a prompt (without waiting for it to finish).
    func say(_ prompt: Prompt) async
}

/// Takes money: the bill validator and the payment-code scanner behind one interface. Results
/// come back as ``SessionEvent``s through the runner's `send`.
public protocol PaymentTerminal: Sendable {
    /// Enables the device(s) for a transaction.
    func start(_ request: PaymentRequest) async
    /// Stacks the note held in escrow.
    func stackEscrowedNote(_ transaction: TransactionID, value: Money) async
    /// Returns the note held in escrow.
    func returnEscrowedNote(_ transaction: TransactionID, value: Money) async
    /// Disables the device(s); escrow returned, a pending code payment cancelled.
    func stop(_ transaction: TransactionID) async
}

/// Renders and prints A4 proofs.
public protocol CertificatePrinting: Sendable {
    /// Prints a proof, reporting pages as they complete; returns when the job is final.
    func print(_ job: CertificateJob, progress: @escaping @Sendable (_ completed: Int, _ total: Int) -> Void) async -> Result<Void, PrintFailure>
    /// Cancels a transaction's job.
    func cancel(_ transaction: TransactionID) async
}

/// Prints receipts, slips and vouchers.
public protocol ReceiptPrinting: Sendable {
    /// Prints and cuts; returns when the printer confirmed (or failed).
    func print(_ job: ReceiptJob) async -> Result<Void, PrintFailure>
}

/// Writes journal entries durably before the session moves on.
public protocol SessionJournal: Sendable {
    /// Records an entry; returns once it is on disk.
    func record(_ entry: JournalEntry) async throws
}

/// Everything the session runner drives.
public struct SessionPorts: Sendable {
    public var screen: any ScreenOutput
    public var voice: any VoicePrompter
    public var records: any RecordsProvider
    public var payment: any PaymentTerminal
    public var certificates: any CertificatePrinting
    public var receipts: any ReceiptPrinting
    public var journal: any SessionJournal

    /// Creates the set of ports.
    public init(
        screen: any ScreenOutput, voice: any VoicePrompter, records: any RecordsProvider, payment: any PaymentTerminal,
        certificates: any CertificatePrinting, receipts: any ReceiptPrinting, journal: any SessionJournal
    ) {
        self.screen = screen
        self.voice = voice
        self.records = records
        self.payment = payment
        self.certificates = certificates
        self.receipts = receipts
        self.journal = journal
    }
}
