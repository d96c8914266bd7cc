import DeviceKit
import KioskCore

/// External: prints a one-page test page through CUPS and passes when CUPS reports the job
/// completed. A printer that is already faulty gets no job; a fault during the job cancels it.
struct TestPageCheck: DiagnosticCheck {
    let unit: CertificatePrinterDiagnostics

    var role: DeviceRole? { .certificatePrinter }
    var level: DiagnosticLevel { .external }
    var name: String { "test page" }
    var timeout: Duration { self.unit.printTimeout }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        if let failure = await self.unit.printTestPage() { return failure }
        let status = await self.unit.printer.refreshStatus()
        return DiagnosticResult(status: status, detail: "test page printed: CUPS reports the job completed")
    }
}
