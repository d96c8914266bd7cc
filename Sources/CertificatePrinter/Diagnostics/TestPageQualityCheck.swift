import DeviceKit
import KioskCore

/// Interactive: asks the technician whether the test page printed cleanly (sharp Chinese text,
/// even grey steps, a complete frame). Prints one first when this run has not.
struct TestPageQualityCheck: DiagnosticCheck {
    let unit: CertificatePrinterDiagnostics

    var role: DeviceRole? { .certificatePrinter }
    var level: DiagnosticLevel { .interactive }
    var name: String { "test page clean" }
    var timeout: Duration { self.unit.printTimeout + .seconds(120) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        if self.unit.printed.value == nil, let failure = await self.unit.printTestPage() { return failure }
        let question =
            "Take the test page. Did it print cleanly: sharp Chinese text (中文测试), eleven even grey steps, the whole frame and its four corner marks?"
        let status = await self.unit.printer.refreshStatus()
        switch await context.prompter.confirm(question) {
        case true?:
            return .passed("the technician confirmed the test page printed cleanly", availability: status.availability)
        case false?:
            return .failed(
                "the technician found faults on the test page", availability: .hardwareError,
                faults: [
                    DeviceFault(
                        code: "page-not-clean", summary: "the test page is streaked, faint, smudged or clipped",
                        remediation: Remediation(
                            .maintenance,
                            "replace or shake the toner cartridge and clean the drum and rollers as the printer's manual says; a skewed or clipped frame means the tray's paper guides need adjusting"
                        ),
                        citizenNotice: Fault.unavailable)
                ])
        case nil:
            return .skipped("no answer from the technician")
        }
    }
}
