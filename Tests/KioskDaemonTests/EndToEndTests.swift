import Foundation
import Journal
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// Five minutes a test; a long soak (`scripts/bench soak`) gets a minute per 50 citizens.
let endToEndMinutesPerTest = max(5, (Int(ProcessInfo.processInfo.environment["ONETRIP_SOAK_CITIZENS"] ?? "") ?? 0) / 50)

/// The whole kiosk through the real `onetripd` process with every device simulated: one rig
/// (a dozen processes) at a time, as they compete for two cores.
@Suite("onetripd end to end", .serialized, .timeLimit(.minutes(endToEndMinutesPerTest)))
struct EndToEndTests {
    func withRig(_ options: KioskRig.Options = .init(), _ body: (KioskRig) async throws -> Void) async throws {
        let rig = try await KioskRig.start(options)
        do {
            try await body(rig)
        } catch {
            Issue.record("onetripd log tail:\n\(rig.daemonLog.split(separator: "\n").suffix(25).joined(separator: "\n"))")
            await rig.stop()
            throw error
        }
        await rig.stop()
    }

    @Test func oneSwipeProofIsPrintedAndReachesTheHub() async throws {
        try await self.withRig { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)
            try await rig.control("idcard", "place alpha")
            let preview = try await ui.waitFor(.preview)
            #expect(preview.title.zh == "社保参保缴费证明")
            #expect(preview.lines.contains { $0.text.zh == "330203********3518" })
            try await ui.choose(.print)
            try await ui.waitFor(.collect, timeout: .seconds(120))
            // The proof reached the printer behind cupsd.
            let proofs = try FileManager.default.contentsOfDirectory(atPath: rig.path("proofs")).filter { $0.hasSuffix(".pdf") }
            #expect(proofs.count == 1)
            // The journal has the visit, masked; the hub gets it.
            let transactions = try await self.waitForTransactions(rig) { $0.count == 1 && $0[0].state == .completed }
            #expect(transactions.first?.service == "social-insurance-proof")
            try await self.waitForHub(rig, toHoldAtLeast: 5)
            // No full ID number in the daemon's log.
            #expect(!rig.daemonLog.contains("330203198504123518"))
        }
    }

    @Test func trafficFinesArePaidInCashWithAReceipt() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)
            try await rig.control("idcard", "place alpha")
            try await ui.waitFor(.serviceMenu)
            try await ui.choose(.service("traffic-fine-payment"))
            // The cash button appears once the validator has connected and synced.
            try await ui.waitFor(.preview) { screen in
                screen.lines.contains { $0.style == .amount && $0.text.zh == "¥350.00" } && screen.choices.contains { $0.id == .payCash }
            }
            try await ui.choose(.payCash)
            try await ui.waitFor(.payment)
            var paid = 0
            for note in [100, 100, 100, 50] {
                try await self.insert(note, into: rig)
                paid += note
                if paid < 350 {
                    let expected = "¥\(paid).00"
                    try await ui.waitFor(.payment, timeout: .seconds(60)) { screen in
                        screen.lines.contains { $0.label?.en == "Paid" && $0.text.zh == expected }
                    }
                }
            }
            try await ui.waitFor(.collect, timeout: .seconds(120))
            let receipts = try FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")).filter { $0.hasSuffix(".txt") }
            #expect(receipts.count == 1)
            let text = try String(contentsOfFile: rig.path("receipts/\(receipts[0])"), encoding: .utf8)
            #expect(text.contains("350.00"))
            #expect(text.contains("3302031000000001"))
            let status = try await rig.control("validator", "status")
            #expect(status.contains("cashbox=¥350.00"))
            _ = try await self.waitForTransactions(rig) { $0.first?.state == .completed }
        }
    }

    @Test func anEndorsementFeeIsPaidWithAPaymentCode() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await self.startPayment(rig, card: "bravo", service: "exit-entry-endorsement-fee", paying: .payCode)
            try await rig.control("scanner", "scan 134567890123456789")
            try await ui.waitFor(.collect, timeout: .seconds(120))
            let receipts = try FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")).filter { $0.hasSuffix(".txt") }
            #expect(receipts.count == 1)
            #expect(!rig.daemonLog.contains("134567890123456789"))
        }
    }

    /// A citizen at an idle kiosk places a card, picks a paid service and a way to pay, and the
    /// payment screen shows.
    func startPayment(_ rig: KioskRig, card: String, service: String, paying method: ChoiceID) async throws {
        let ui = try rig.ui
        try await ui.waitFor(.idle)
        try await rig.control("idcard", "place \(card)")
        try await ui.waitFor(.serviceMenu)
        try await ui.choose(.service(ServiceCode(rawValue: service)))
        try await ui.waitFor(.preview) { $0.choices.contains { $0.id == method } }
        try await ui.choose(method)
        try await ui.waitFor(.payment)
    }

    /// Inserts a note once the validator takes notes (it is enabled when the payment starts).
    func insert(_ yuan: Int, into rig: KioskRig) async throws {
        for _ in 0..<300 {
            if try await rig.control("validator", "status").contains("enabled=true") {
                try await rig.control("validator", "insert \(yuan)")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RigFailure("the validator was never enabled")
    }

    /// Waits until the journal's transactions satisfy a condition (the journal is written just
    /// after the screen changes).
    @discardableResult
    func waitForTransactions(_ rig: KioskRig, _ condition: ([TransactionRecord]) -> Bool) async throws -> [TransactionRecord] {
        var last: [TransactionRecord] = []
        for _ in 0..<200 {
            let journal = try await rig.journal()
            last = try await journal.transactions(matching: TransactionQuery())
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RigFailure("journal transactions never matched; last: \(last.map { "\($0.id) \($0.state)" })")
    }

    func waitForHub(_ rig: KioskRig, toHoldAtLeast count: Int) async throws {
        for _ in 0..<300 {
            let listing = try await CommandLineTool.run(
                rig.binaries.appendingPathComponent("onetrip").path, ["hub", "list", "--database", rig.path("data/hub.sqlite")], check: false)
            if let line = listing.text.split(separator: "\n").first(where: { $0.hasPrefix(rig.kioskID) }),
                let records = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) }),
                records >= count
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw RigFailure("the hub did not receive \(count) records")
    }
}
