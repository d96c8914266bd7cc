import CashModule
import KioskCore
import Testing

@Suite("Reconciliation decisions")
struct CashReconciliationTests {
    let note = NoteInFlight(transactionID: TransactionID(session: SessionID(kioskID: "K", number: 1)), index: 0, channel: 4, value: .yuan(20))
    let channels: [Int: Money] = [3: .yuan(10), 4: .yuan(20)]

    func resolve(_ phase: NotePhase, returned: Bool = false, events: [SSPPollEvent] = [], stacked: UInt32? = nil) -> NoteResolution {
        CashReconciliation.resolve(
            NoteRecord(note: self.note, phase: phase, isStacked: false, detail: nil),
            evidence: ValidatorEvidence(
                escrowedNoteReturned: returned, events: events, counters: stacked.map { SSPCounters(stacked: $0) }, channelValues: self.channels))
    }

    func kind(_ resolution: NoteResolution) -> String {
        switch resolution {
        case .credited(let value, _, _): "credited \(value)"
        case .returned: "returned"
        case .uncertain: "uncertain"
        }
    }

    @Test func theTable() {
        // A credit event settles it whatever the ledger says.
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), events: [.stacking, .credit(channel: 4), .stacked])) == "credited ¥20.00")
        #expect(self.kind(self.resolve(.escrowed, events: [.noteClearedIntoCashbox(channel: 4)])) == "credited ¥20.00")
        // Still in escrow at reconnection: REJECT gave it back.
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), returned: true, stacked: 5)) == "returned")
        #expect(self.kind(self.resolve(.escrowed, events: [.noteClearedFromFront(channel: 4)])) == "returned")
        #expect(self.kind(self.resolve(.returnIntent, events: [.rejecting, .rejected])) == "returned")
        // Only escrowed (never accepted): cannot be in the box.
        #expect(self.kind(self.resolve(.escrowed)) == "returned")
        #expect(self.kind(self.resolve(.returnIntent)) == "returned")
        // Stack intent, nothing seen: the counters decide; without them nobody can tell.
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), stacked: 6)) == "credited ¥20.00")
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), stacked: 5)) == "returned")
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), stacked: 8)) == "uncertain")
        #expect(self.kind(self.resolve(.stackIntent(counter: nil), stacked: 6)) == "uncertain")
        #expect(self.kind(self.resolve(.stackIntent(counter: 5))) == "uncertain")
        #expect(self.kind(self.resolve(.stackIntent(counter: 5), events: [.safeJam, .disabled], stacked: 5)) == "uncertain")
        // The counter wraps at 2³².
        #expect(self.kind(self.resolve(.stackIntent(counter: .max), stacked: 0)) == "credited ¥20.00")
        // A credit on another channel is valued by the unit's channel.
        #expect(self.kind(self.resolve(.stackIntent(counter: nil), events: [.credit(channel: 3)])) == "credited ¥10.00")
    }

    @Test func creditsNoOpenNoteExplainsAreReported() {
        let evidence = ValidatorEvidence(
            escrowedNoteReturned: false, events: [.credit(channel: 4), .stacked, .credit(channel: 3)], counters: nil, channelValues: self.channels)
        #expect(CashReconciliation.unexplainedCredits(in: evidence, explainedCount: 1).map(\.value) == [.yuan(10)])
        #expect(CashReconciliation.unexplainedCredits(in: evidence, explainedCount: 0).map(\.value) == [.yuan(20), .yuan(10)])
    }
}
