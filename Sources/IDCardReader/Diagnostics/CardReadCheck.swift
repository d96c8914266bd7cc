import DeviceKit
import KioskCore

/// External: reads the card lying on the reader now (find, select, read, decode) and reports
/// its type and masked number. A card the driver already read is read again. Skipped when no
/// card lies on the reader: nobody put one there, which says nothing about the reader.
struct CardReadCheck: DiagnosticCheck {
    let unit: IDCardReaderDiagnostics

    var role: DeviceRole? { .idCardReader }
    var level: DiagnosticLevel { .external }
    var name: String { "card read" }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        guard status.availability.isUsable else {
            return DiagnosticResult(status: status, detail: "cannot read a card: \(status.faults.first?.summary ?? status.availability.label)")
        }
        let events = RecordedEvents(self.unit.reader.observeEvents())
        defer { events.stop() }
        await self.unit.reader.readCardAgain()
        let seen = await events.first(within: self.unit.presenceWindow) { event in
            event == .cardPresented || IDCardReaderDiagnostics.isOutcome(event)
        }
        guard seen != nil else {
            let now = await self.unit.reader.status
            if !now.availability.isUsable { return DiagnosticResult(status: now, detail: "the reader failed while looking for a card") }
            return .skipped("no card on the reader: place a test card on it and run again, or run --level interactive for a guided read")
        }
        guard let outcome = await events.first(within: self.unit.readWindow, where: IDCardReaderDiagnostics.isOutcome) else {
            let now = await self.unit.reader.status
            return .failed(
                "a card was found but not read within \(self.unit.readWindow)", availability: now.availability,
                faults: now.faults.isEmpty ? [CardRejection.unreadable("no read result").testCardFault] : now.faults)
        }
        return self.unit.result(of: outcome, status: await self.unit.reader.status)
    }
}
