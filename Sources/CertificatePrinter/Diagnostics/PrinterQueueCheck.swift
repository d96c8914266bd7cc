import DeviceKit
import KioskCore

/// Internal: the CUPS queue's state (stopped, not accepting) and the printer's own state over
/// IPP (paper, toner, doors, jams, offline, accepting), with the driver's remediation. Warnings
/// (paper or toner low) pass and show in the details. Nothing is printed.
struct PrinterQueueCheck: DiagnosticCheck {
    let unit: CertificatePrinterDiagnostics

    var role: DeviceRole? { .certificatePrinter }
    var level: DiagnosticLevel { .internal }
    var name: String { "queue and printer state" }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.printer.refreshStatus()
        if let fault = status.faults.first { return DiagnosticResult(status: status, detail: fault.summary) }
        var detail = "queue \(status.details["queue"] ?? "?") \(status.details["queue-state"] ?? "?"), printer \(status.details["printer-state"] ?? "not probed")"
        if let warnings = status.details["warnings"] { detail += "; \(warnings)" }
        return DiagnosticResult(status: status, detail: detail)
    }
}
