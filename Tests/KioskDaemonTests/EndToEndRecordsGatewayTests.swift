import Foundation
import Journal
import KioskCore
import Simulators
import Testing

/// The daemon fetching records from the reference records gateway (`onetrip sim
/// records-gateway`) over HTTP, with the gateway down and then healthy.
extension EndToEndTests {
    @Test func aRecordsGatewayThatIsDownEndsTheVisitCleanlyAndOnceHealthyTheProofPrints() async throws {
        try await self.withRig(.init(recordsGateway: true)) { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)

            // The department's gateway fails every request: the citizen is told to come back
            // later, the visit ends, nothing is charged.
            try await rig.control("records", "fail 503")
            try await rig.control("idcard", "place alpha")
            let error = try await ui.waitFor(.error, timeout: .seconds(60))
            #expect(error.title.en == "Lookup failed")
            #expect(error.allText.contains { $0.contains("cannot be reached right now") && $0.contains("try again later") })
            #expect(!error.allText.contains { $0.contains("3518") })
            try await rig.control("idcard", "remove")
            try await ui.waitFor(.idle, timeout: .seconds(60))
            let journal = try await rig.journal()
            #expect(try await journal.transactions(matching: TransactionQuery()).isEmpty)
            let visits = try await journal.sessions(matching: SessionQuery())
            #expect(visits.count == 1 && visits.first?.outcome == .failed)
            // The kiosk asked the gateway, retried, and gave up: every attempt answered 503.
            let requests = try await rig.control("records", "requests 10")
            #expect(requests.contains("503"))
            #expect(!requests.contains("330203198504123518"))

            // The gateway recovers: the next citizen gets the proof.
            try await rig.control("records", "clear")
            try await rig.control("idcard", "place alpha")
            let preview = try await ui.waitFor(.preview, timeout: .seconds(60))
            #expect(preview.title.zh == "社保参保缴费证明")
            try await ui.choose(.print)
            try await ui.waitFor(.collect, timeout: .seconds(120))
            let proofs = try FileManager.default.contentsOfDirectory(atPath: rig.path("proofs")).filter { $0.hasSuffix(".pdf") }
            #expect(proofs.count == 1)
            let transactions = try await self.waitForTransactions(rig) { $0.count == 1 && $0[0].state == .completed }
            #expect(transactions.first?.service == "social-insurance-proof")
            #expect(!rig.daemonLog.contains("330203198504123518"))
        }
    }
}
