import DeviceKit
import Foundation
import KioskCore

/// The certificate printer's health checks, built against one driver (the daemon's, or one
/// `onetrip diag` made; every call goes to cupsd and the printer, so there is no loop to run).
///
/// | level | check | what it does |
/// |---|---|---|
/// | internal | `queue and printer state` | the CUPS queue (stopped, rejecting) and the printer's own IPP state (paper, toner, door, offline, accepting) |
/// | external | `test page` | prints a one-page ``TestPage`` (a real PDF through CUPS, marked TEST PAGE, unsigned) and follows the job to its end |
/// | interactive | `test page clean` | asks the technician whether the page printed cleanly |
public struct CertificatePrinterDiagnostics: Sendable {
    /// The driver.
    public var printer: CertificatePrinterDriver
    /// How long a printer fault may last while the test page waits before the job is cancelled.
    public var faultTolerance: Duration
    /// When this run printed a test page.
    let printed = DiagnosticMemo<Date>()

    /// Creates the checks' common settings.
    public init(printer: CertificatePrinterDriver, faultTolerance: Duration = .seconds(10)) {
        self.printer = printer
        self.faultTolerance = faultTolerance
    }

    /// The three checks.
    public var checks: [any DiagnosticCheck] {
        [PrinterQueueCheck(unit: self), TestPageCheck(unit: self), TestPageQualityCheck(unit: self)]
    }

    /// How long printing a test page may take: the driver's job timeout and the cancel after it.
    var printTimeout: Duration { self.printer.configuration.jobTimeout + .seconds(45) }

    /// Prints a test page unless the printer already reports a fault (a page queued on a faulty
    /// printer would come out whenever the fault is cleared). Returns the failure as a result.
    func printTestPage() async -> DiagnosticResult? {
        let before = await self.printer.refreshStatus()
        guard before.availability.isUsable else {
            return DiagnosticResult(
                verdict: .failed, availability: before.availability,
                detail: "no test page sent: \(before.faults.first?.summary ?? before.availability.label)", faults: before.faults,
                details: before.details)
        }
        let result = await self.printer.printTestPage(faultTolerance: self.faultTolerance)
        switch result.outcome {
        case .printed:
            self.printed.record(Date())
            return nil
        case .failed(let reason):
            if let fault = result.faultStatus, !fault.faults.isEmpty {
                return .failed("\(result)", availability: fault.availability, faults: fault.faults)
            }
            let status = await self.printer.refreshStatus()
            if !status.faults.isEmpty {
                return .failed("\(result)", availability: status.availability, faults: status.faults)
            }
            return .failed(
                "\(result)", availability: .hardwareError,
                faults: [
                    DeviceFault(
                        code: "test-page-failed", summary: reason,
                        remediation: Remediation(
                            .maintenance,
                            "the printer did not complete the test page: check its display and the CUPS error log (/var/log/cups/error_log), power-cycle it and run the check again"
                        ),
                        citizenNotice: Fault.unavailable)
                ])
        }
    }
}
