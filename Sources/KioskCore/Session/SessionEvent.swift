/// Something that happened, fed into ``KioskSession/handle(_:at:)``: from the devices, the
/// screen, the records source, the payment module or the clock.
///
/// Events that answer a request carry the session or transaction they answer, so a late answer
/// meant for the previous citizen is recognised and never shown to the next one.
public enum SessionEvent: Hashable, Sendable {
    // MARK: ID card reader
    /// The reader found a card and is reading it.
    case cardPresented
    /// The reader read a card.
    case cardRead(CardReading)
    /// The reader found a card but could not read or authenticate it.
    case cardReadFailed(CardRejection)

    // MARK: Screen
    /// The citizen touched a button (or pressed its key).
    case choiceSelected(ChoiceID)
    /// The citizen switched the language.
    case languageToggled

    // MARK: Records source
    /// The records for a session arrived.
    case recordsFetched(SessionID, CitizenRecords)
    /// The records could not be had.
    case recordsUnavailable(SessionID, RecordsFailure)

    // MARK: Payment module
    /// A banknote is held in escrow; the session must say stack or return.
    case noteEscrowed(TransactionID, Money)
    /// A banknote was stacked and credited (SSP credit event). Only now is it money.
    case noteCredited(TransactionID, Money)
    /// The citizen scanned a code and the wallet asks them to confirm on the phone.
    case paymentCodePending(TransactionID)
    /// A payment code payment succeeded (confirmed by the provider).
    case paymentCodeSucceeded(TransactionID, Money)
    /// A payment code payment failed definitely; a fresh code may be tried.
    case paymentCodeFailed(TransactionID, LocalizedText)
    /// The payment device broke mid-payment (jam, cash box removed, scanner gone).
    case paymentDeviceFailed(TransactionID, LocalizedText)

    // MARK: Printers
    /// Pages of the proof printed so far.
    case printProgress(TransactionID, completed: Int, total: Int)
    /// The proof printed completely.
    case certificatePrinted(TransactionID)
    /// The proof did not print.
    case certificatePrintFailed(TransactionID, PrintFailure)
    /// The receipt (or slip, or voucher) printed and was cut.
    case receiptPrinted(TransactionID)
    /// The receipt did not print completely.
    case receiptPrintFailed(TransactionID, PrintFailure)

    // MARK: Health and operation
    /// A device role became usable or unusable.
    case deviceUsabilityChanged(DeviceRole, DeviceUsability)
    /// A technician took the kiosk out of service (true) or back (false).
    case maintenanceModeChanged(Bool)

    // MARK: Clock
    /// Time passed (the owner sends one at least every second while a countdown shows, and at
    /// every armed deadline).
    case tick
}

/// Why records could not be fetched.
public enum RecordsFailure: Hashable, Sendable, CustomStringConvertible {
    /// The department has no records for this citizen.
    case notFound
    /// The department's system did not answer or answered with an error (detail for technicians).
    case sourceUnavailable(String)
    /// The answer could not be understood (detail for technicians).
    case malformedAnswer(String)

    public var description: String {
        switch self {
        case .notFound: "no records for this citizen"
        case .sourceUnavailable(let detail): "records source unavailable: \(detail)"
        case .malformedAnswer(let detail): "records source answered badly: \(detail)"
        }
    }
}

/// Why a print job failed, in words for a technician, and whether anything came out.
public struct PrintFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong ("paper out after page 2 of 3", "printer stopped: media-jam").
    public var detail: String
    /// Whether part of the document may have come out (the citizen should hand it back).
    public var mayHavePrintedPartially: Bool

    /// Creates a failure.
    public init(detail: String, mayHavePrintedPartially: Bool = false) {
        self.detail = detail
        self.mayHavePrintedPartially = mayHavePrintedPartially
    }

    public var description: String { self.detail }
}
