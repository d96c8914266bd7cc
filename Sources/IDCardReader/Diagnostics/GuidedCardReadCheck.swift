import DeviceKit
import KioskCore

/// Interactive: asks the technician to place a test card on the reader, waits for it (up to
/// ``IDCardReaderDiagnostics/guidedWait``) and reports its type and masked number.
struct GuidedCardReadCheck: DiagnosticCheck {
    let unit: IDCardReaderDiagnostics

    var role: DeviceRole? { .idCardReader }
    var level: DiagnosticLevel { .interactive }
    var name: String { "guided card read" }
    var timeout: Duration { self.unit.guidedWait + self.unit.readWindow + self.unit.settleTimeout }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        guard status.availability.isUsable else {
            return DiagnosticResult(status: status, detail: "cannot read a card: \(status.faults.first?.summary ?? status.availability.label)")
        }
        let events = RecordedEvents(self.unit.reader.observeEvents())
        defer { events.stop() }
        let seconds = self.unit.guidedWait.components.seconds
        await context.prompter.instruct("Place a test ID card flat on the ID card reader now (waiting up to \(seconds) s).")
        // A card already lying there is read again, as if just placed.
        await self.unit.reader.readCardAgain()
        guard let outcome = await events.first(within: self.unit.guidedWait, where: IDCardReaderDiagnostics.isOutcome) else {
            let now = await self.unit.reader.status
            if !now.availability.isUsable { return DiagnosticResult(status: now, detail: "the reader failed while waiting for the card") }
            let presented = await events.first(within: .zero) { $0 == .cardPresented } != nil
            let summary = presented ? "a card was found but not read within the wait" : "no card was detected within \(seconds) s"
            return .failed(
                summary, availability: now.availability,
                faults: [
                    DeviceFault(
                        code: "no-card-detected", summary: summary,
                        remediation: Remediation(
                            .clear,
                            "place the card flat on the reader's marked area and run the check again; if a card lying there is never detected, call the reader vendor (antenna or SAM module)"
                        ),
                        citizenNotice: CardReaderStateMachine.citizenNotice)
                ])
        }
        let result = self.unit.result(of: outcome, status: await self.unit.reader.status)
        await context.prompter.instruct("\(result.detail). Take the card off the reader.")
        return result
    }
}
