import DeviceKit
import KioskCore

/// Internal: the reader's SAM answers its status check and gives its ID. The driver asks at
/// every (re)connection (SAM status, one SAM reset if bad, SAM ID) and sees a SAM fault in every
/// later reply, so its status is current; diagnostics that open the reader themselves start the
/// driver and wait for that first check. No card is touched.
struct SAMStatusCheck: DiagnosticCheck {
    let unit: IDCardReaderDiagnostics

    var role: DeviceRole? { .idCardReader }
    var level: DiagnosticLevel { .internal }
    var name: String { "SAM status and ID" }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        guard status.availability.isUsable, status.faults.isEmpty else {
            let reason = status.faults.first?.summary ?? "the reader is \(status.availability.label)"
            return DiagnosticResult(status: status, detail: reason)
        }
        let samID = status.details["sam-id"]
        let detail = samID.map { "the SAM answered its status check; SAM ID \($0)" }
            ?? "the SAM answered its status check; the reader does not report a SAM ID (12 FF)"
        return DiagnosticResult(status: status, detail: detail)
    }
}
