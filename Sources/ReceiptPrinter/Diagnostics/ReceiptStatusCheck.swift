import DeviceKit
import KioskCore

/// Internal: asks the printer `DLE EOT 1…4` on a fresh connection (nothing is printed) and
/// reports paper, cover, cutter and error state with the driver's remediation. Paper near end
/// passes with a note: the printer still prints.
struct ReceiptStatusCheck: DiagnosticCheck {
    let unit: ReceiptPrinterDiagnostics

    var role: DeviceRole? { .receiptPrinter }
    var level: DiagnosticLevel { .internal }
    var name: String { "DLE EOT status" }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.printer.refreshStatus()
        if let fault = status.faults.first { return DiagnosticResult(status: status, detail: fault.summary) }
        var detail = "the printer answered DLE EOT 1…4: \(status.availability.label)"
        if status.details["paper"] == "near-end" { detail += "; paper near end: load a new roll soon" }
        return DiagnosticResult(status: status, detail: detail)
    }
}
