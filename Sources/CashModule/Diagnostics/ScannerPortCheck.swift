import DeviceKit
import KioskCore

/// Internal: the scanner's port opens and stays open. Serial payment-code scanners only send
/// codes (CR/LF-terminated, research C.2) and answer no status query, so an open port is all
/// the kiosk can know without a person scanning something.
struct ScannerPortCheck: DiagnosticCheck {
    let unit: PaymentCodeScannerDiagnostics

    var role: DeviceRole? { .paymentCodeScanner }
    var level: DiagnosticLevel { .internal }
    var name: String { "port open" }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        if let fault = status.faults.first { return DiagnosticResult(status: status, detail: fault.summary) }
        return DiagnosticResult(status: status, detail: "\(self.unit.scanner.path) is open; the scanner sends codes only when one is scanned")
    }
}
