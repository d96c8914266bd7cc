import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

@Suite("Bill validator driver ↔ simulator, with the real session")
struct BillValidatorDriverTests {
    /// Inserts a note once the unit is ready for it.
    func insert(_ value: Money, into rig: ValidatorRig, genuine: Bool = true) async {
        // A citizen's note is only drawn into an enabled unit with an empty path.
        #expect(await rig.simulator.waitUntil { $0.isEnabled && $0.stage == nil }, "validator not ready for \(value)")
        let problem = await rig.simulator.insert(value, genuine: genuine)
        #expect(problem == nil, "\(problem ?? "")")
    }

    func cashbox(_ rig: ValidatorRig) async -> [Money] {
        let state = await rig.simulator.state
        return state.cashbox.map { state.value(ofChannel: $0) }
    }

    func returned(_ rig: ValidatorRig) async -> [Money] {
        let state = await rig.simulator.state
        return state.returned.map { state.value(ofChannel: $0) }
    }

    func credits(_ rig: ValidatorRig) async -> Int {
        await rig.events.events.filter { if case .noteCredited = $0 { true } else { false } }.count
    }

    @Test func exactPaymentOfATrafficFine() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        for value: Money in [.yuan(100), .yuan(100), .yuan(100), .yuan(50)] {
            await self.insert(value, into: rig)
            #expect(await rig.events.wait { $0 == .noteCredited(transaction, value) } != nil)
            #expect(await rig.simulator.waitUntil { $0.stage == nil })
        }
        #expect(await session.waitForJournal { $0 == .paymentCompleted(paid: .yuan(350), credit: .zero) })
        #expect(await rig.simulator.waitUntil { !$0.isEnabled }, "stopPayment disables the unit")
        pump.cancel()
        await rig.stop()

        let record = try #require(try rig.ledger().cashIn(transaction))
        #expect(record.isClosed)
        #expect(record.credited == .yuan(350))
        #expect(record.notes.map(\.phase) == Array(repeating: .credited, count: 4))
        #expect(record.notes.allSatisfy { $0.isStacked })
        #expect(await self.cashbox(rig).sum() == .yuan(350))
        #expect(await self.credits(rig) == 4)
    }

    @Test func aNoteIsHeldInEscrowWhileTheSessionDecides() async throws {
        let rig = try await ValidatorRig.start()
        let transaction = TransactionID(session: SessionID(kioskID: "HOLD", number: 1))
        await rig.driver.startCashIn(transaction, amountDue: .yuan(20))
        await self.insert(.yuan(20), into: rig)
        #expect(await rig.events.wait { $0 == .noteEscrowed(transaction, .yuan(20)) } != nil)
        // Three times as long as the unit's escrow timeout would allow without HOLD.
        await rig.simulator.configure { $0.escrowTimeout = .seconds(1) }
        try await Task.sleep(for: .seconds(3))
        #expect(await rig.simulator.receivedFrames.filter { $0.data == [SSPCommand.hold.code] }.count >= 3)
        guard case .escrow = await rig.simulator.state.stage else {
            Issue.record("the note left escrow while the session was deciding")
            return
        }
        #expect(try rig.ledger().cashIn(transaction)?.notes.first?.phase == .escrowed)
        await rig.driver.stack(transaction, value: .yuan(20))
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(20)) } != nil)
        await rig.driver.stopCashIn(transaction)
        await rig.stop()
        #expect(try rig.ledger().cashIn(transaction)?.notes.first?.phase == .credited)
    }

    @Test func overpaymentWithinTheLimitIsCreditedOnTheReceipt() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        for _ in 0..<4 {
            await self.insert(.yuan(100), into: rig)
            #expect(await rig.simulator.waitUntil { $0.stage == nil && !$0.cashbox.isEmpty })
        }
        #expect(await session.waitForJournal { $0 == .paymentCompleted(paid: .yuan(400), credit: .yuan(50)) })
        let receipt = try #require(await session.receipts.first)
        #expect(receipt.credit == .yuan(50))
        pump.cancel()
        await rig.stop()
        #expect(try rig.ledger().cashIn(transaction)?.credited == .yuan(400))
        #expect(await self.cashbox(rig).count == 4)
    }

    @Test func anOverpayingNoteIsReturnedWhenThePolicyRefusesIt() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver, overpayment: .rejectOverpayingNotes)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        for value: Money in [.yuan(100), .yuan(100), .yuan(100)] {
            await self.insert(value, into: rig)
            #expect(await rig.events.wait { $0 == .noteCredited(transaction, value) } != nil)
        }
        // ¥100 against ¥50 due: returned from escrow, never credited.
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.simulator.waitUntil { $0.returned.count == 1 })
        await self.insert(.yuan(50), into: rig)
        #expect(await session.waitForJournal { $0 == .paymentCompleted(paid: .yuan(350), credit: .zero) })
        pump.cancel()
        await rig.stop()
        #expect(await self.returned(rig) == [.yuan(100)])
        let record = try #require(try rig.ledger().cashIn(transaction))
        #expect(record.credited == .yuan(350))
        #expect(record.notes.map(\.phase) == [.credited, .credited, .credited, .returned, .credited])
        #expect(await rig.simulator.state.lastRejectCode == SSPRejectReason.rejectedByHost.code)
    }

    @Test func aNoteTheValidatorRefusesIsNeverOffered() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await self.insert(.yuan(50), into: rig, genuine: false)
        #expect(await rig.simulator.waitUntil { $0.returned.count == 1 })
        #expect(await rig.events.waitForStatus { $0.status.details["last-reject"]?.contains("validation failed") == true })
        // A ¥1 note: the channel is inhibited (the kiosk does not take ¥1), so the unit refuses it.
        await self.insert(.yuan(1), into: rig)
        #expect(await rig.simulator.waitUntil { $0.returned.count == 2 })
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(100)) } != nil)
        pump.cancel()
        await rig.stop()
        #expect(await rig.events.events.filter { if case .noteEscrowed = $0 { true } else { false } }.count == 1)
        #expect(await rig.simulator.state.lastRejectCode == SSPRejectReason.disabledByHost.code)
        #expect(try rig.ledger().cashIn(transaction)?.notes.count == 1)
    }

    @Test func aJamWhileStackingIsUncertainMoneyForAnOperator() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(100)) } != nil)
        await rig.simulator.arm(.jamNextStack(safe: true))
        await self.insert(.yuan(50), into: rig)
        let attention = await rig.events.wait { if case .needsAttention = $0 { true } else { false } }
        guard case .needsAttention(let record)? = attention else {
            Issue.record("no needs-attention event")
            return
        }
        #expect(record.transactionID == transaction)
        #expect(record.credited == .yuan(100))
        #expect(record.uncertain == .yuan(50))
        #expect(record.voucherRows.contains { $0.value == "￥50.00" })
        #expect(await rig.events.wait { if case .paymentDeviceFailed(transaction, _) = $0 { true } else { false } } != nil)
        #expect(await rig.events.waitForStatus { $0.faultCodes.contains("safe-jam") && $0.availability == .hardwareError })
        // The session gives a voucher for the ¥100 credited and journals it for an operator.
        #expect(await session.waitForJournal { if case .needsAttention = $0 { true } else { false } })
        #expect(await session.receipts.contains { $0.kind == .voucher && $0.amountPaid == .yuan(100) })
        pump.cancel()
        await rig.stop()
        let ledger = try #require(try rig.ledger().cashIn(transaction))
        #expect(ledger.notes.map(\.phase) == [.credited, .uncertain])
        #expect(ledger.isClosed)
        #expect(await self.cashbox(rig) == [.yuan(100)])
        #expect(await self.credits(rig) == 1)
    }

    @Test func cashboxRemovedMidSessionStopsThePaymentWithAVoucher() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(100)) } != nil)
        #expect(await rig.simulator.waitUntil { $0.stage == nil })
        await rig.simulator.setCashbox(present: false)
        #expect(await rig.events.wait { if case .paymentDeviceFailed(transaction, let text) = $0 { text.en.contains("cash box") } else { false } } != nil)
        #expect(await rig.events.waitForStatus { $0.faultCodes == ["cashbox-removed"] && $0.availability == .userError })
        #expect(await session.waitForJournal { $0 == .paymentAbandoned(paid: .yuan(100)) })
        #expect(await session.receipts.contains { $0.kind == .voucher })
        await rig.simulator.setCashbox(present: true)
        #expect(await rig.events.waitForStatus { $0.availability == .online })
        pump.cancel()
        await rig.stop()
        let record = try #require(try rig.ledger().cashIn(transaction))
        #expect(record.isClosed && record.credited == .yuan(100))
    }

    @Test func aSilentValidatorFailsThePaymentAndComesBack() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        #expect(await rig.simulator.waitUntil { $0.isEnabled })
        await rig.simulator.setSilent(true)
        #expect(await rig.events.wait { if case .paymentDeviceFailed(transaction, _) = $0 { true } else { false } } != nil)
        #expect(await rig.events.waitForStatus { $0.faultCodes == ["no-reply"] && $0.availability == .offline })
        #expect(await session.waitForJournal { $0 == .paymentAbandoned(paid: .zero) })
        await rig.simulator.setSilent(false)
        #expect(await rig.events.waitForStatus { $0.availability == .online })
        pump.cancel()
        await rig.stop()
        #expect(try rig.ledger().cashIn(transaction)?.isClosed == true)
    }

    @Test func lostAndCorruptedRepliesAreRetriedWithoutDoubleCredits() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await self.insert(.yuan(100), into: rig)
        // Drop and corrupt replies while the note moves: the driver re-sends the same bytes and
        // the unit answers with its cached reply instead of executing twice.
        // One fault per command: after each, wait for the re-sent frame and one more command.
        for round in 0..<6 {
            if round % 2 == 0 { await rig.simulator.dropNext() } else { await rig.simulator.corruptNext() }
            while await rig.simulator.hasArmedReplyFault { try await Task.sleep(for: .milliseconds(5)) }
            let seen = await rig.simulator.receivedFrames.count
            while await rig.simulator.receivedFrames.count < seen + 2 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(100)) } != nil)
        #expect(await rig.simulator.waitUntil { $0.stage == nil })
        try await Task.sleep(for: .milliseconds(300))
        pump.cancel()
        await rig.stop()
        #expect(await self.credits(rig) == 1)
        #expect(await self.cashbox(rig) == [.yuan(100)])
        let frames = await rig.simulator.receivedFrames
        let repeats = zip(frames, frames.dropFirst()).filter { $0 == $1 }.count
        #expect(repeats >= 3, "re-sent frames: \(repeats)")
    }

    @Test func aFraudAttemptSuspendsCashAndTheNoteIsNotCredited() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await rig.simulator.arm(.fraudNextNote)
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.events.waitForStatus { $0.availability == .fraudAttempt && $0.faultCodes == ["fraud-attempt"] })
        #expect(await rig.events.wait { if case .paymentDeviceFailed(transaction, _) = $0 { true } else { false } } != nil)
        let attention = await rig.events.attentions.first
        #expect(attention?.uncertain == .yuan(100))
        #expect(await rig.simulator.waitUntil { $0.stackedWithoutCredit.count == 1 })
        // Suspended: the unit stays disabled until a technician clears the fault.
        try await Task.sleep(for: .milliseconds(300))
        #expect(await !rig.simulator.state.isEnabled)
        #expect(await rig.driver.status.faults.first?.remediation.action == .suspend)
        pump.cancel()
        await rig.stop()
        #expect(await self.credits(rig) == 0)
        #expect(try rig.ledger().cashIn(transaction)?.notes.map(\.phase) == [.uncertain])
    }

    @Test func aFullStackerEndsThePaymentAfterTheLastCredit() async throws {
        let rig = try await ValidatorRig.start()
        let session = try CashSession(driver: rig.driver)
        let pump = session.pump(rig.events)
        let transaction = try await session.beginCashPayment(citizen: "alpha", service: "traffic-fine-payment", source: .trafficViolations)
        await rig.simulator.configure { $0.cashboxCapacity = 1 }
        await self.insert(.yuan(100), into: rig)
        #expect(await rig.events.wait { $0 == .noteCredited(transaction, .yuan(100)) } != nil)
        #expect(await rig.events.waitForStatus { $0.faultCodes == ["stacker-full"] && $0.availability == .userError })
        #expect(await session.waitForJournal { $0 == .paymentAbandoned(paid: .yuan(100)) })
        #expect(await session.receipts.contains { $0.kind == .voucher && $0.amountPaid == .yuan(100) })
        pump.cancel()
        await rig.stop()
        #expect(try rig.ledger().cashIn(transaction)?.credited == .yuan(100))
    }

    @Test func aPowerCutWithANoteInEscrowReturnsItAndTheDriverSetsTheUnitUpAgain() async throws {
        let rig = try await ValidatorRig.start()
        let transaction = TransactionID(session: SessionID(kioskID: "PWR", number: 1))
        await rig.driver.startCashIn(transaction, amountDue: .yuan(50))
        await self.insert(.yuan(50), into: rig)
        #expect(await rig.events.wait { $0 == .noteEscrowed(transaction, .yuan(50)) } != nil)
        await rig.simulator.powerCycle()
        // SLAVE RESET: the driver redoes SYNC, protocol version, inhibits; the note came out at the front.
        #expect(await rig.simulator.waitUntil { $0.returned.count == 1 && $0.inhibitMask != 0 })
        #expect(await rig.simulator.waitUntil { $0.protocolVersion == 7 })
        #expect(await rig.events.waitForStatus { $0.availability == .busy || $0.availability == .online })
        await rig.driver.stopCashIn(transaction)
        await rig.stop()
        let record = try #require(try rig.ledger().cashIn(transaction))
        #expect(record.notes.map(\.phase) == [.returned])
        #expect(record.notes.first?.detail?.contains("CLEARED FROM FRONT") == true)
        #expect(await self.credits(rig) == 0)
    }

    @Test(arguments: ["forces-encryption", "wrong-currency", "no-accepted-note"])
    func aUnitThatDoesNotFitTheKioskIsAConfigurationFault(problem: String) async throws {
        var unit = SimulatedBillValidator(channelYuan: problem == "no-accepted-note" ? [1, 2] : [1, 5, 10, 20, 50, 100])
        unit.forcesEncryption = problem == "forces-encryption"
        let simulator = try BillValidatorSimulator(device: unit)
        // "wrong-currency": the unit's dataset is CNY but the kiosk is set up for EUR.
        let rig = try await ValidatorRig.start(simulator: simulator, currency: problem == "wrong-currency" ? "EUR" : "CNY", waitOnline: false)
        let configurationFault = await rig.events.waitForStatus { $0.faultCodes == ["configuration"] }
        let latest = await rig.events.latestStatus?.status.description ?? "no status"
        #expect(configurationFault, "\(latest)")
        let summary = await rig.driver.status.faults.first?.summary ?? ""
        switch problem {
        case "forces-encryption": #expect(summary.contains("forces encryption"))
        case "wrong-currency": #expect(summary.contains("in CNY, the kiosk takes EUR"))
        default: #expect(summary.contains("none of the accepted notes"))
        }
        await rig.stop()
    }
}
