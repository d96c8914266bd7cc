import CashModule
import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// A step of a cash-in at which the process taking the money dies (SIGKILL: nothing runs on
/// the way out, like a crash or a power cut of the PC), and what must be true after a restart.
enum CrashStep: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The ¥5 note is in escrow and on the ledger; the stack intent is not written yet.
    case afterEscrowRecorded
    /// The stack intent is on disk; the accepting POLL never reached the validator.
    case afterStackIntentRecorded
    /// The accepting POLL reached the validator; its reply (and the CREDIT) never came back.
    case afterStackSent
    /// The CREDIT was read and written; the driver died before anything else.
    case afterCreditRecorded
    /// A ¥20 note (more than due) was to be returned: the return intent is on disk, REJECT not sent.
    case afterReturnIntentRecorded
    /// REJECT was executed; its reply never came back.
    case afterRejectSent
    /// Died with the note in escrow, and the validator's escrow timer returned it meanwhile.
    case escrowTimedOutWhileDown
    /// Died while the note was stacking, then the validator lost power too (NOTE CLEARED INTO CASHBOX).
    case powerCutWhileStacking

    var testDescription: String { self.rawValue }

    /// The second note the citizen inserts.
    var secondNote: Money { self == .afterReturnIntentRecorded || self == .afterRejectSent ? .yuan(20) : .yuan(5) }

    /// Whether the second note ends up in the cash box.
    var secondNoteStacked: Bool { [.afterStackSent, .afterCreditRecorded, .powerCutWhileStacking].contains(self) }

    /// Arms the simulator so the driver freezes at this step.
    func arm(_ simulator: BillValidatorSimulator) async {
        switch self {
        case .afterEscrowRecorded, .escrowTimedOutWhileDown:
            // The payment holds each note 2 s before deciding: the first HOLD after the escrow
            // report comes after `escrowed` is written and before any decision is.
            await simulator.trap(.hold, beforeExecuting: true, arming: .afterReportingEscrow)
        case .afterStackIntentRecorded:
            // The driver never POLLs a note awaiting a decision: the first POLL after the escrow
            // report is the accepting one, sent only once the stack intent is on disk.
            await simulator.trap(.poll, beforeExecuting: true, arming: .afterReportingEscrow)
        case .afterStackSent, .powerCutWhileStacking:
            await simulator.trap(.poll, beforeExecuting: false, arming: .afterReportingEscrow)
        case .afterCreditRecorded:
            await simulator.trap(nil, beforeExecuting: true, arming: .afterReportingCredit)
        case .afterReturnIntentRecorded:
            await simulator.trap(.reject, beforeExecuting: true)
        case .afterRejectSent:
            await simulator.trap(.reject, beforeExecuting: false)
        }
    }
}

@Suite("Crash at each step of a cash-in, then restart", .serialized)
struct CashCrashRecoveryTests {
    /// Every step, on a unit with persistent note counters (NV9USB) and on one without (NV200).
    @Test(arguments: CrashStep.allCases, [true, false])
    func everyNoteIsCreditedExactlyOnceAndNoneIsLost(step: CrashStep, unitHasCounters: Bool) async throws {
        let directory = try Fixtures.temporaryDirectory("cash-crash")
        defer { try? FileManager.default.removeItem(at: directory) }
        let linkPath = directory.appendingPathComponent("validator").path
        let database = directory.appendingPathComponent("kiosk.sqlite").path
        var model = SimulatedBillValidator()
        model.hasCounters = unitHasCounters
        let simulator = try BillValidatorSimulator(symlinkPath: linkPath, device: model)
        await simulator.start()
        defer { Task { await simulator.stop() } }
        // A generous reply timeout: the simulator shares this (busy) test process.
        let common = ["--validator", linkPath, "--database", database, "--notes", "5,10,20,50,100", "--reply-timeout", "3000"]

        // A ¥15 payment: the ¥10 note goes through normally.
        let hold = step == .afterEscrowRecorded || step == .escrowTimedOutWhileDown ? ["--hold", "2"] : []
        let payment = try ChildProcess(
            arguments: ["cash", "test-payment"] + common + ["--amount", "15"] + hold, outputURL: directory.appendingPathComponent("payment.log"))
        #expect(await simulator.waitUntil { $0.isEnabled && $0.stage == nil }, "validator never enabled: \(payment.output)")
        #expect(await simulator.insert(.yuan(10)) == nil)
        #expect(await payment.waitForOutput("credited ¥10.00 total ¥10.00"), "\(payment.output)")
        #expect(await simulator.waitUntil { $0.stage == nil && $0.isEnabled })

        // The second note, and the crash at the chosen step.
        await step.arm(simulator)
        #expect(await simulator.insert(step.secondNote) == nil)
        await simulator.waitForTrap()
        payment.kill()
        let transaction = TransactionID(session: SessionID(kioskID: "TEST", number: 1))
        let before = try #require(try CashLedger(path: database).cashIn(transaction))
        switch step {
        case .afterEscrowRecorded, .escrowTimedOutWhileDown: #expect(before.openNote?.phase == .escrowed)
        case .afterStackIntentRecorded, .afterStackSent, .powerCutWhileStacking:
            guard case .stackIntent(let counter)? = before.openNote?.phase else {
                Issue.record("expected a stack intent on the ledger, found \(String(describing: before.openNote))")
                return
            }
            #expect(counter == (unitHasCounters ? 1 : nil))
        case .afterCreditRecorded: #expect(before.credited == .yuan(15) && before.openNote == nil)
        case .afterReturnIntentRecorded, .afterRejectSent: #expect(before.openNote?.phase == .returnIntent)
        }

        // While the kiosk is down.
        if step == .escrowTimedOutWhileDown {
            await simulator.configure { $0.escrowTimeout = .milliseconds(200) }
            #expect(await simulator.waitUntil { $0.returned.count == 1 })
        }
        if step == .powerCutWhileStacking { await simulator.powerCycle() }
        await simulator.setSilent(false)

        // Restart: reconcile against the validator.
        let reconcile = try ChildProcess(arguments: ["cash", "reconcile"] + common, outputURL: directory.appendingPathComponent("reconcile.log"))
        #expect(await reconcile.wait(timeout: .seconds(30)) == 0, "\(reconcile.output)")

        // Nothing in the path; every note is in the cash box or back with the citizen, and the
        // ledger agrees note for note.
        let unit = await simulator.state
        #expect(unit.stage == nil, "still in the path: \(String(describing: unit.stage))")
        let inBox = unit.cashbox.map { unit.value(ofChannel: $0) }.sorted()
        let handedBack = unit.returned.map { unit.value(ofChannel: $0) }.sorted()
        #expect((inBox + handedBack).sorted() == [.yuan(10), step.secondNote].sorted())
        #expect(inBox == (step.secondNoteStacked ? [.yuan(5), .yuan(10)] : [.yuan(10)]))

        let ledger = try CashLedger(path: database)
        let record = try #require(try ledger.cashIn(transaction))
        #expect(record.isClosed)
        #expect(record.openNote == nil)
        #expect(record.uncertain == .zero)
        #expect(record.notes.filter { $0.phase == .credited }.map(\.note.value).sorted() == inBox)
        #expect(record.notes.filter { $0.phase == .returned }.map(\.note.value).sorted() == handedBack)
        let creditLines = try ledger.entries(for: transaction).filter { $0.kind == .credited }
        #expect(creditLines.count == inBox.count, "credit lines: \(creditLines)")
        #expect(try ledger.orphanCredits().isEmpty)
        if record.credited < .yuan(15) {
            // An interrupted payment with money taken: an operator must see it, the citizen gets a voucher.
            #expect(reconcile.output.contains("needs attention"), "\(reconcile.output)")
            #expect(reconcile.output.contains("credited \(record.credited)"))
        }
        _ = payment.output
    }

    @Test func theCreditAPreviousRunReadButNeverWroteIsFoundByTheCounters() async throws {
        // The window no kill can hit reliably: the CREDIT was read from the line, then the
        // process died before the ledger line. The unit's persistent counter tells.
        try await self.reconcileSwallowedCredit(counters: true)
    }

    @Test func withoutCountersASwallowedCreditIsUncertainForAnOperator() async throws {
        try await self.reconcileSwallowedCredit(counters: false)
    }

    private func reconcileSwallowedCredit(counters: Bool) async throws {
        let directory = try Fixtures.temporaryDirectory("cash-window")
        defer { try? FileManager.default.removeItem(at: directory) }
        let linkPath = directory.appendingPathComponent("validator").path
        let database = directory.appendingPathComponent("kiosk.sqlite").path
        let simulator = try BillValidatorSimulator(symlinkPath: linkPath)
        await simulator.start()
        defer { Task { await simulator.stop() } }
        // The unit stacked and credited a ¥50 note (counter 7 → 8), and the CREDIT was polled.
        await simulator.configure { unit in unit.hasCounters = counters }
        let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: 42))
        let note = NoteInFlight(transactionID: transaction, index: 0, channel: 5, value: .yuan(50))
        do {
            let ledger = try CashLedger(path: database)
            try ledger.append(.opened(transaction, amountDue: .yuan(50)))
            try ledger.append(.note(.escrowed, note))
            try ledger.append(.note(.stackIntent, note, counter: counters ? 7 : nil))
        }
        await simulator.configure { unit in unit.simulateSwallowedCredit(channel: 5, stackedCounterBefore: 7) }
        let reconcile = try ChildProcess(
            arguments: ["cash", "reconcile", "--validator", linkPath, "--database", database, "--reply-timeout", "3000"],
            outputURL: directory.appendingPathComponent("reconcile.log"))
        #expect(await reconcile.wait(timeout: .seconds(30)) == 0, "\(reconcile.output)")
        let record = try #require(try CashLedger(path: database).cashIn(transaction))
        #expect(record.isClosed)
        if counters {
            #expect(record.notes.first?.phase == .credited)
            #expect(record.notes.first?.detail?.contains("counter went from 7 to 8") == true)
            #expect(reconcile.output.contains("credited ¥50.00"))
        } else {
            #expect(record.notes.first?.phase == .uncertain)
            #expect(reconcile.output.contains("uncertain ¥50.00"), "\(reconcile.output)")
        }
    }
}
