import DeviceKit
import KioskCore

/// The ID card reader's health checks, built against one driver: the daemon passes its running
/// driver, `onetrip diag` one it opened itself (with a ``DeviceKit/DriverLoop`` that runs it for
/// the length of the diagnostics run).
///
/// | level | check | what it does |
/// |---|---|---|
/// | internal | `SAM status and ID` | the driver's SAM status check (11 FF, one reset if bad) and SAM ID (12 FF) |
/// | external | `card read` | reads the card lying on the reader now; type and masked number only |
/// | interactive | `guided card read` | asks the technician to place a test card, waits for it |
///
/// ```swift
/// let checks = IDCardReaderDiagnostics(reader: driver).checks   // the daemon's running driver
/// ```
public struct IDCardReaderDiagnostics: Sendable {
    /// The driver.
    public var reader: IDCardReaderDriver
    /// Its run loop (``DeviceKit/DriverLoop/alreadyRunning(_:)`` in the daemon).
    public var loop: DriverLoop
    /// How long the driver may take to open the port and check the SAM.
    public var settleTimeout: Duration
    /// How long a card must go unseen before "no card on the reader".
    public var presenceWindow: Duration
    /// How long a presented card may take to be read (every attempt included).
    public var readWindow: Duration
    /// How long the guided check waits for the technician's card.
    public var guidedWait: Duration

    /// Creates the checks' common settings; the windows default to what the driver's own
    /// timeouts need, with room for a loaded machine.
    public init(
        reader: IDCardReaderDriver, loop: DriverLoop = .alreadyRunning("ID card reader"), settleTimeout: Duration? = nil,
        presenceWindow: Duration? = nil, readWindow: Duration? = nil, guidedWait: Duration = .seconds(60)
    ) {
        let configuration = reader.configuration
        let exchange = configuration.commandTimeout
        self.reader = reader
        self.loop = loop
        self.settleTimeout = settleTimeout ?? max(.seconds(10), exchange * (4 * configuration.maximumConsecutiveFailures) + .seconds(2))
        self.presenceWindow = presenceWindow ?? max(.seconds(2), (configuration.pollInterval + exchange) * 3)
        let attempt = exchange * 2 + configuration.readTimeout + configuration.pollInterval
        self.readWindow = readWindow ?? attempt * configuration.maximumReadAttempts + .seconds(5)
        self.guidedWait = guidedWait
    }

    /// The three checks.
    public var checks: [any DiagnosticCheck] {
        [SAMStatusCheck(unit: self), CardReadCheck(unit: self), GuidedCardReadCheck(unit: self)]
    }

    /// Starts the driver if diagnostics own it, and waits until it has reported on the reader
    /// (port open and SAM checked, or why not).
    func settledStatus() async -> DeviceStatus {
        self.loop.ensureRunning()
        let reader = self.reader
        if let status = await DiagnosticWait.until(timeout: self.settleTimeout, { await reader.hasReported ? await reader.status : nil }) {
            return status
        }
        return await reader.status
    }

    /// The outcome of a card read (`cardRead` or `readFailed`), or `nil` for other events.
    static func isOutcome(_ event: CardReaderEvent) -> Bool {
        switch event {
        case .cardRead, .readFailed: true
        case .cardPresented, .cardRemoved: false
        }
    }

    /// The result of a card read's outcome: the card type and masked number, never more.
    func result(of outcome: CardReaderEvent, status: DeviceStatus) -> DiagnosticResult {
        switch outcome {
        case .cardRead(let read):
            let masked = read.identity.masked
            return .passed(
                "read a \(masked.cardType.name.en) (\(masked.cardType.rawValue)) \(masked.documentNumber)", availability: status.availability,
                details: ["card-type": masked.cardType.rawValue, "number": masked.documentNumber])
        case .readFailed(let rejection):
            return .failed("the test card was refused: \(rejection)", availability: status.availability, faults: [rejection.testCardFault])
        case .cardPresented, .cardRemoved:
            return .failed("no read result", availability: status.availability, faults: status.faults)
        }
    }
}
