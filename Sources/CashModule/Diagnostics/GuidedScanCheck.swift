import DeviceKit
import KioskCore

/// Interactive: asks the technician to scan any payment code (a phone's WeChat Pay or Alipay
/// code) and reports the wallet and the code masked to its last four digits. Any code read
/// proves the scanner works; one that is not a payment code is reported as such.
struct GuidedScanCheck: DiagnosticCheck {
    let unit: PaymentCodeScannerDiagnostics

    var role: DeviceRole? { .paymentCodeScanner }
    var level: DiagnosticLevel { .interactive }
    var name: String { "guided scan" }
    var timeout: Duration { self.unit.settleTimeout + self.unit.guidedWait + .seconds(10) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        guard status.availability.isUsable else {
            return DiagnosticResult(status: status, detail: "cannot scan: \(status.faults.first?.summary ?? status.availability.label)")
        }
        let events = RecordedEvents(self.unit.scanner.observeEvents())
        defer { events.stop() }
        let seconds = self.unit.guidedWait.components.seconds
        await context.prompter.instruct("Hold a payment code (WeChat Pay or Alipay, from a phone) under the scanner now (waiting up to \(seconds) s).")
        let scanned = await events.first(within: self.unit.guidedWait) { event in
            if case .scanned = event { return true }
            if case .status(let status) = event { return !status.availability.isUsable }
            return false
        }
        switch scanned {
        case .scanned(let text)?:
            let masked = PersonalDataMask.paymentCode(text)
            do {
                let code = try PaymentCode(scanned: text)
                return .passed(
                    "read a \(code.wallet) payment code \(code.masked)", availability: status.availability,
                    details: ["wallet": code.wallet.rawValue, "code": code.masked])
            } catch {
                return .passed(
                    "read a code that is not a payment code (\(error)): \(masked); the scanner works", availability: status.availability,
                    details: ["code": masked])
            }
        case .status(let now)?:
            return DiagnosticResult(status: now, detail: "the scanner went away while waiting for a code")
        case nil:
            let now = await self.unit.scanner.status ?? status
            return .failed(
                "no code was read within \(seconds) s", availability: now.availability,
                faults: [
                    DeviceFault(
                        code: "no-code-read", summary: "the scanner sent nothing within \(seconds) s",
                        remediation: Remediation(
                            .clear,
                            "hold the code 5–15 cm under the scanner window with the phone's brightness up; if it never beeps, check its cable; if it beeps but nothing arrives, set its suffix to CR and its interface to serial (USB CDC)"
                        ),
                        citizenNotice: PaymentCodeScannerDriver.citizenNotice)
                ])
        }
    }
}
