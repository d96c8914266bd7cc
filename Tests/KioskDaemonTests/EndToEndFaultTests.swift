import Foundation
import Journal
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// Devices failing, citizens walking away, and the daemon killed mid-visit — through the real
/// `onetripd` with every simulator.
extension EndToEndTests {
    @Test func aCitizenWhoWalksAwayIsTimedOutToIdle() async throws {
        try await self.withRig(.init(session: ["preview_timeout": "\"3s\"", "collect_timeout": "\"2s\""])) { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)
            try await rig.control("idcard", "place alpha")
            let preview = try await ui.waitFor(.preview)
            #expect((preview.countdown ?? 0) <= 3)
            try await rig.control("idcard", "remove")
            // Nobody touches anything: the preview times out and the kiosk is ready again, wiped.
            let idle = try await ui.waitFor(.idle, timeout: .seconds(60))
            #expect(!idle.allText.contains { $0.contains("330203********3518") })
            let journal = try await rig.journal()
            #expect(try await journal.transactions(matching: TransactionQuery()).isEmpty)
        }
    }

    @Test func failingDevicesHideServicesAndTakeTheKioskOutOfService() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle) { $0.notices.isEmpty }
            // Receipt printer out of paper: the paid services need it and disappear.
            try await rig.control("receipt", "paper out")
            try await ui.waitFor(.idle, timeout: .seconds(60)) { !$0.notices.isEmpty }
            try await rig.control("idcard", "place alpha")
            let menu = try await ui.waitFor(.serviceMenu)
            #expect(!menu.choices.contains { $0.id == .service("traffic-fine-payment") })
            #expect(menu.choices.contains { $0.id == .service("social-insurance-proof") })
            try await ui.choose(.cancel)
            try await rig.control("idcard", "remove")
            try await rig.control("receipt", "paper ok")
            try await ui.waitFor(.idle, timeout: .seconds(60)) { $0.notices.isEmpty }

            // The ID card reader unplugged: nothing can start; plugged back: ready again.
            try await rig.control("idcard", "unplug")
            let outOfService = try await ui.waitFor(.outOfService, timeout: .seconds(60))
            #expect(outOfService.lines.first?.style == .warning)
            try await rig.control("idcard", "plug")
            try await ui.waitFor(.idle, timeout: .seconds(60))

            // The A4 printer fails a job: the citizen is told, and nothing is charged.
            try await rig.control("cups", "engine fail")
            try await rig.control("idcard", "place alpha")
            try await ui.waitFor(.serviceMenu)
            try await ui.choose(.service("household-registration-proof"))
            try await ui.waitFor(.preview) { $0.choices.contains { $0.id == .print } }
            try await ui.choose(.print)
            let error = try await ui.waitFor(.error, timeout: .seconds(120))
            #expect(error.title.en == "Printing failed")
            try await rig.control("cups", "engine ok")
            _ = try await self.waitForTransactions(rig) { $0.first?.state == .failed }
        }
    }

    @Test func aJamWhileStackingGivesAVoucherAndFlagsTheMoney() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await self.startPayment(rig, card: "bravo", service: "exit-entry-endorsement-fee", paying: .payCash)
            try await rig.control("validator", "jam unsafe")
            try await self.insert(20, into: rig)
            // The note's fate is unclear: never credited, flagged for an operator, and the
            // citizen gets a voucher instead of being left without a trace; the session goes
            // back to the preview (cash now unusable) with nothing charged.
            try await ui.waitFor(.preview, timeout: .seconds(120)) { $0.lines.contains { $0.style == .warning } }
            let transactions = try await self.waitForTransactions(rig) { $0.first?.state == .needsAttention }
            #expect(transactions.first?.amountPaid == .zero)
            for _ in 0..<100 where (try? FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")))?.contains(where: { $0.hasSuffix(".txt") }) != true {
                try await Task.sleep(for: .milliseconds(100))
            }
            let receipts = try FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")).filter { $0.hasSuffix(".txt") }
            #expect(receipts.count == 1)
        }
    }

    @Test func killedMidPaymentTheCreditedMoneyIsKeptAndFlaggedAfterRestart() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await self.startPayment(rig, card: "alpha", service: "traffic-fine-payment", paying: .payCash)
            try await self.insert(100, into: rig)
            try await ui.waitFor(.payment) { $0.lines.contains { $0.label?.en == "Paid" && $0.text.zh == "¥100.00" } }
            _ = try await self.waitForTransactions(rig) { $0.first?.amountPaid == .yuan(100) }

            await rig.killDaemon()
            try await rig.control("idcard", "remove")
            try await rig.startDaemon()
            try await rig.ui.waitFor(.idle, timeout: .seconds(60))
            let transactions = try await self.waitForTransactions(rig) { $0.first?.state == .needsAttention }
            #expect(transactions.first?.amountPaid == .yuan(100))
            let status = try await rig.control("validator", "status")
            #expect(status.contains("cashbox=¥100.00 (1 notes)"), "\(status)")
        }
    }

    @Test func killedWhilePrintingTheProofIsNeverPrintedTwice() async throws {
        try await self.withRig() { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)
            try await rig.control("cups", "engine jam")
            try await rig.control("idcard", "place alpha")
            try await ui.waitFor(.preview) { $0.choices.contains { $0.id == .print } }
            try await ui.choose(.print)
            try await ui.waitFor(.printing)
            try await Task.sleep(for: .seconds(3))  // the job is at cupsd, held by the jam

            await rig.killDaemon()
            try await rig.control("idcard", "remove")
            try await rig.control("cups", "engine ok")
            try await rig.startDaemon()
            try await rig.ui.waitFor(.idle, timeout: .seconds(60))
            try await Task.sleep(for: .seconds(5))
            let proofs = try FileManager.default.contentsOfDirectory(atPath: rig.path("proofs")).filter { $0.hasSuffix(".pdf") }
            #expect(proofs.count <= 1, "\(proofs)")
            _ = try await self.waitForTransactions(rig) { $0.first.map { $0.state.isFinal || $0.state == .needsAttention } ?? false }
            #expect(rig.daemonLog.contains("reconciled"))
        }
    }

    @Test func sigtermDuringAPaymentReturnsTheCitizensMoneyOnAVoucherAndExits() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await self.startPayment(rig, card: "alpha", service: "traffic-fine-payment", paying: .payCash)
            try await self.insert(50, into: rig)
            try await ui.waitFor(.payment) { $0.lines.contains { $0.label?.en == "Paid" && $0.text.zh == "¥50.00" } }

            let daemon = try #require(rig.daemon)
            kill(daemon.pid, SIGTERM)
            try await ui.waitFor(.collect, timeout: .seconds(120))
            for _ in 0..<300 where daemon.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!daemon.isRunning)
            let receipts = try FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")).filter { $0.hasSuffix(".txt") }
            #expect(receipts.count == 1)
            let voucher = try String(contentsOfFile: rig.path("receipts/\(receipts[0])"), encoding: .utf8)
            #expect(voucher.contains("50.00"))
            #expect(rig.daemonLog.contains("onetripd stopped"))
        }
    }
}
