import DeviceKit
import KioskCore

/// The payment-code scanner's health checks, built against one driver (the daemon's running
/// driver, or one `onetrip diag` opened, with a ``DeviceKit/DriverLoop``).
///
/// | level | check | what it does |
/// |---|---|---|
/// | internal | `port open` | the driver opens the scanner's serial port; a serial scanner has no status query, so that is all the kiosk can ask of it |
/// | interactive | `guided scan` | asks the technician to scan any payment code; reports the wallet and the masked code |
///
/// There is no external check: a scanner does nothing a technician can see until something is
/// held under it.
public struct PaymentCodeScannerDiagnostics: Sendable {
    /// The driver.
    public var scanner: PaymentCodeScannerDriver
    /// Its run loop (``DeviceKit/DriverLoop/alreadyRunning(_:)`` in the daemon).
    public var loop: DriverLoop
    /// How long the driver may take to open the port.
    public var settleTimeout: Duration
    /// How long the guided check waits for a scan.
    public var guidedWait: Duration

    /// Creates the checks' common settings.
    public init(
        scanner: PaymentCodeScannerDriver, loop: DriverLoop = .alreadyRunning("payment-code scanner"), settleTimeout: Duration = .seconds(5),
        guidedWait: Duration = .seconds(60)
    ) {
        self.scanner = scanner
        self.loop = loop
        self.settleTimeout = settleTimeout
        self.guidedWait = guidedWait
    }

    /// The two checks.
    public var checks: [any DiagnosticCheck] {
        [ScannerPortCheck(unit: self), GuidedScanCheck(unit: self)]
    }

    /// Starts the driver if diagnostics own it and waits until it has tried the port.
    func settledStatus() async -> DeviceStatus {
        self.loop.ensureRunning()
        let scanner = self.scanner
        if let status = await DiagnosticWait.until(timeout: self.settleTimeout, { await scanner.status }) { return status }
        return .noDevice(.paymentCodeScanner, reason: "the scanner driver did not open \(scanner.path) within \(self.settleTimeout)")
    }
}
