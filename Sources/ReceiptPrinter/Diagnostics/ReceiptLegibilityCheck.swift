import DeviceKit
import KioskCore

/// Interactive: asks the technician whether the test receipt reads well (Chinese characters,
/// the `￥` amount, the QR code scanning). Prints one first when this run has not.
struct ReceiptLegibilityCheck: DiagnosticCheck {
    let unit: ReceiptPrinterDiagnostics

    var role: DeviceRole? { .receiptPrinter }
    var level: DiagnosticLevel { .interactive }
    var name: String { "test receipt legible" }
    var timeout: Duration { self.unit.printTimeout + .seconds(120) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        if self.unit.printed.value == nil {
            if case .failure(let failure) = await self.unit.printTestReceipt() { return await self.unit.result(of: failure) }
        }
        let question = "Take the test receipt. Is it legible: the line 中文测试, the amount ￥12.50, and does its QR code scan?"
        let status = await self.unit.printer.status
        switch await context.prompter.confirm(question) {
        case true?:
            return .passed("the technician confirmed the test receipt is legible", availability: status.availability)
        case false?:
            return .failed(
                "the technician found the test receipt hard to read", availability: .hardwareError,
                faults: [
                    DeviceFault(
                        code: "receipt-illegible", summary: "the test receipt is faint, streaked or garbled",
                        remediation: Remediation(
                            .maintenance,
                            "clean the print head with an isopropyl-alcohol pen and check the roll is thermal paper, print side facing the head; if the Chinese text is garbled, the printer is not in GB18030 Chinese mode: check encoding and chineseMode in its profile"
                        ),
                        citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable"))
                ])
        case nil:
            return .skipped("no answer from the technician")
        }
    }
}
