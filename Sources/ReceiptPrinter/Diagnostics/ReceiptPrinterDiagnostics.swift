import DeviceKit
import Foundation
import KioskCore

/// The receipt printer's health checks, built against one driver (the daemon's, or one
/// `onetrip diag` made; the driver opens a connection per call, so there is no loop to run).
///
/// | level | check | what it does |
/// |---|---|---|
/// | internal | `DLE EOT status` | `DLE EOT 1…4`: paper, cover, cutter, errors |
/// | external | `test receipt` | prints ``TestReceipt`` and waits for the printer's `GS r` confirmation |
/// | interactive | `test receipt legible` | asks the technician whether the test receipt reads well |
public struct ReceiptPrinterDiagnostics: Sendable {
    /// The driver.
    public var printer: ReceiptPrinterDriver
    /// The kiosk's id, printed on the test receipt.
    public var kioskID: String
    /// The time zone the time is printed in.
    public var timeZone: TimeZone
    /// When this run printed a test receipt.
    let printed = DiagnosticMemo<Date>()

    /// Creates the checks' common settings.
    public init(printer: ReceiptPrinterDriver, kioskID: String, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.printer = printer
        self.kioskID = kioskID
        self.timeZone = timeZone
    }

    /// The three checks.
    public var checks: [any DiagnosticCheck] {
        [ReceiptStatusCheck(unit: self), TestReceiptCheck(unit: self), ReceiptLegibilityCheck(unit: self)]
    }

    /// How long printing a test receipt may take: connect, status, the job, the status after.
    var printTimeout: Duration {
        let configuration = self.printer.configuration
        return configuration.connectTimeout + configuration.statusTimeout * 2 + configuration.jobTimeout + .seconds(10)
    }

    /// Prints a test receipt and remembers it for the interactive check.
    func printTestReceipt() async -> Result<ReceiptPrintReport, ReceiptPrintFailure> {
        let now = Date()
        let context = ReceiptPrintContext(kioskID: self.kioskID, issuedAt: now, timeZone: self.timeZone)
        let document = TestReceipt.document(context: context, capabilities: self.printer.configuration.capabilities)
        do throws(ReceiptPrintFailure) {
            let report = try await self.printer.print(document)
            self.printed.record(now)
            return .success(report)
        } catch {
            return .failure(error)
        }
    }

    /// A failed test receipt: the faults of the status the driver published for the failure,
    /// or, when the printer itself reported nothing wrong, the failure spelled out.
    func result(of failure: ReceiptPrintFailure) async -> DiagnosticResult {
        let status = await self.printer.status
        if !status.faults.isEmpty {
            return .failed("\(failure)", availability: status.availability, faults: status.faults)
        }
        let remediation: Remediation
        let code: String
        var availability = DeviceAvailability.hardwareError
        switch failure {
        case .unencodable:
            code = "test-receipt-unencodable"
            availability = status.availability
            remediation = Remediation(
                .configuration, "the printer's profile cannot print the test characters: check encoding and chineseMode in its profile")
        case .unconfirmed:
            code = "job-unconfirmed"
            remediation = Remediation(
                .reset, "check whether the test receipt came out; if not, power-cycle the printer and check transmitStatus in its profile")
        default:
            code = "test-receipt-failed"
            remediation = Remediation(.reset, "power-cycle the printer and run the check again; if it fails again, call maintenance")
        }
        return .failed(
            "\(failure)", availability: availability,
            faults: [
                DeviceFault(
                    code: code, summary: "\(failure)", remediation: remediation,
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable"))
            ])
    }
}
