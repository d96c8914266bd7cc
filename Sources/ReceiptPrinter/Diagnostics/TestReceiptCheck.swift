import DeviceKit
import KioskCore

/// External: prints the test receipt (kiosk id, time, Chinese and `￥` character test, QR code,
/// cut) and passes when the printer confirms with `GS r` that it processed the job through the
/// cut. A printer that stops (paper end, cover, cutter jam) fails with its fault.
struct TestReceiptCheck: DiagnosticCheck {
    let unit: ReceiptPrinterDiagnostics

    var role: DeviceRole? { .receiptPrinter }
    var level: DiagnosticLevel { .external }
    var name: String { "test receipt" }
    var timeout: Duration { self.unit.printTimeout }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        switch await self.unit.printTestReceipt() {
        case .success(let report):
            let status = await self.unit.printer.status
            let how = report.isConfirmed ? "confirmed by the printer (GS r)" : "sent; this printer cannot confirm jobs (no GS r)"
            var details = status.details
            details["bytes"] = String(report.bytesSent)
            details["confirmed"] = report.isConfirmed ? "yes" : "no"
            return DiagnosticResult(
                verdict: status.availability.isUsable ? .passed : .failed, availability: status.availability,
                detail: "test receipt printed and cut, \(how)", faults: status.faults, details: details)
        case .failure(let failure):
            return await self.unit.result(of: failure)
        }
    }
}
