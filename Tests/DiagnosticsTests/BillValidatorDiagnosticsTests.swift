import CashModule
import DeviceKit
import Foundation
import KioskCore
import Simulators
import Testing

/// The bill validator's checks against the SSP simulator, with every fault it offers, and the
/// rule that a test note is always given back.
@Suite("Bill validator diagnostics", .serialized, .timeLimit(.minutes(8)))
struct BillValidatorDiagnosticsTests {
    @Test func aHealthyValidatorPassesAndTheBillPathKeepsNothing() async throws {
        let validator = try await ValidatorUnderTest.start()
        let simulator = validator.simulator
        // A citizen pushes a note in while the bill path is open.
        let inserting = Task {
            guard await simulator.waitUntil(timeout: .seconds(30), { $0.isEnabled }) else { return "never enabled" }
            return await simulator.insert(.yuan(20)) ?? "inserted"
        }
        let run = await CheckRun.run(validator.checks(), level: .external)
        #expect(await inserting.value == "inserted")
        let state = await simulator.state
        let lines = try validator.testLines()
        await validator.stop()

        let status = try run.result("sync and poll")
        #expect(status.verdict == .passed && status.availability == .online, "\(status)")
        #expect(status.details["serial"] == "1873452")
        #expect(status.details["channels"]?.contains("4:¥20.00") == true, "\(status.details)")
        #expect(status.detail.contains("counters stacked 0"), "\(status.detail)")
        let path = try run.result("bill path")
        #expect(path.verdict == .passed, "\(path)")
        #expect(path.detail.contains("1 note(s) read and given back (¥20.00)"), "\(path.detail)")
        #expect(run.report.exitCode == 0)

        // Given back, never stacked: the cash box is empty and the ledger shows the return.
        #expect(state.cashbox.isEmpty)
        #expect(state.returned == [4])
        #expect(state.counters.stacked == 0)
        #expect(lines.map(\.kind) == [.opened, .escrowed, .returnIntent, .returned, .closed], "\(lines)")
        #expect(lines.last?.value == .zero)
    }

    @Test func theGuidedNoteIsRecognisedAndGivenBack() async throws {
        let validator = try await ValidatorUnderTest.start()
        let simulator = validator.simulator
        let technician = ScriptedTechnician { instruction in
            guard instruction.hasPrefix("Insert a ￥10.00 note") else { return }
            _ = await simulator.waitUntil(timeout: .seconds(30)) { $0.isEnabled }
            _ = await simulator.insert(.yuan(10))
        }
        let run = await CheckRun.run(validator.checks(), level: .interactive, technician: technician)
        let state = await simulator.state
        await validator.stop()
        let guided = try run.result("guided note")
        #expect(guided.verdict == .passed, "\(guided)")
        #expect(guided.detail.hasPrefix("recognised ￥10.00 and gave it back"), "\(guided.detail)")
        #expect(technician.instructions.last == "Take the ￥10.00 note back from the validator.")
        #expect(state.cashbox.isEmpty && state.returned == [3])
        #expect(run.report.exitCode == 0)
    }

    @Test(arguments: [(true, DiagnosticResult.Verdict.passed), (false, .failed)])
    func aNoteReadAsAnotherValueIsPutToTheTechnician(answer: Bool, verdict: DiagnosticResult.Verdict) async throws {
        let validator = try await ValidatorUnderTest.start()
        let simulator = validator.simulator
        let technician = ScriptedTechnician(answers: [answer]) { instruction in
            guard instruction.hasPrefix("Insert a") else { return }
            _ = await simulator.waitUntil(timeout: .seconds(30)) { $0.isEnabled }
            _ = await simulator.insert(.yuan(20))
        }
        let run = await CheckRun.run(validator.checks(), level: .interactive, technician: technician)
        await validator.stop()
        let guided = try run.result("guided note")
        #expect(guided.verdict == verdict, "\(guided)")
        #expect(technician.questions.first?.contains("￥20.00") == true)
        if !answer {
            expectFailure(guided, .hardwareError, code: "note-misread", action: .maintenance, instruction: "recalibrated")
        }
    }

    @Test func aRefusedNoteAndNoNoteFailTheGuidedCheck() async throws {
        let validator = try await ValidatorUnderTest.start()
        let simulator = validator.simulator
        let fake = ScriptedTechnician { instruction in
            guard instruction.hasPrefix("Insert a") else { return }
            _ = await simulator.waitUntil(timeout: .seconds(30)) { $0.isEnabled }
            _ = await simulator.insert(.yuan(10), genuine: false)
        }
        let refused = await CheckRun.run(validator.checks(), level: .interactive, technician: fake)
        expectFailure(try refused.result("guided note"), .online, code: "note-refused", action: .clear, instruction: "clean, flat, genuine note")
        let nobody = await CheckRun.run(validator.checks(guidedWait: .seconds(2)), level: .interactive, technician: ScriptedTechnician())
        expectFailure(try nobody.result("guided note"), .online, code: "no-note-detected", action: .clear, instruction: "insert the note fully")
        #expect((await simulator.state).cashbox.isEmpty)
        await validator.stop()
    }

    @Test func aValidatorWithoutCountersPassesAndSaysSo() async throws {
        let validator = try await ValidatorUnderTest.start(prepare: { _ = await $0.handle(controlLine: "counters off") })
        let run = await CheckRun.run(validator.checks(), level: .internal)
        await validator.stop()
        let status = try run.result("sync and poll")
        #expect(status.verdict == .passed, "\(status)")
        #expect(status.detail.contains("no counters"))
    }

    /// Faults the simulator shows only while a note is being stacked, reached through a
    /// citizen's payment on the running driver (the daemon's case): both checks report them.
    @Test(arguments: [
        ("jam safe", "safe-jam", DeviceAvailability.hardwareError, Remediation.Action.clear, "remove the jammed note"),
        ("jam unsafe", "unsafe-jam", .hardwareError, .clear, "remove the jammed note"),
        ("fraud", "fraud-attempt", .fraudAttempt, .suspend, "cash taking is suspended"),
        ("stacker-full", "stacker-full", .userError, .clear, "empty the cash box"),
    ])
    func faultsWhileStackingAreReportedByTheRunningDriver(
        command: String, code: String, availability: DeviceAvailability, action: Remediation.Action, instruction: String
    ) async throws {
        let validator = try await ValidatorUnderTest.start()
        #expect(await validator.runUntilOnline())
        #expect(await validator.simulator.handle(controlLine: command).hasPrefix("ok"))
        let transaction = try await validator.stackOneNote(.yuan(20))
        let faulted = await validator.waitForFault(code)
        let status = await validator.driver.status
        #expect(faulted, "\(status)")
        await validator.driver.stopCashIn(transaction)
        let checks = BillValidatorDiagnostics(validator: validator.driver, pathWindow: .seconds(1)).checks
        let run = await CheckRun.run(checks, level: .external)
        for check in ["sync and poll", "bill path"] {
            expectFailure(try run.result(check), availability, code: code, action: action, instruction: instruction)
        }
        #expect(run.report.exitCode == 1)
        #expect(try validator.testLines().isEmpty, "a test cash-in was opened on a faulty validator")
        await validator.stop()
    }

    /// `onetrip diag`'s own driver on a unit left jammed: the jam is in the first polls.
    @Test func aFreshDriverFindsAJamLeftInTheUnit() async throws {
        let validator = try await ValidatorUnderTest.start()
        #expect(await validator.runUntilOnline())
        _ = await validator.simulator.handle(controlLine: "jam safe")
        _ = try await validator.stackOneNote(.yuan(50))
        #expect(await validator.waitForFault("safe-jam"))
        await validator.loop.stop()
        let fresh = try await ValidatorUnderTest.reuse(validator)
        let run = await CheckRun.run(fresh.checks(), level: .internal)
        await fresh.loop.stop()
        await validator.stop()
        expectFailure(try run.result("sync and poll"), .hardwareError, code: "safe-jam", action: .clear, instruction: "remove the jammed note")
    }

    /// Faults the unit shows before any note: at connection, or when ENABLE is refused.
    @Test(arguments: [
        ("cashbox remove", "cashbox-removed", DeviceAvailability.userError, Remediation.Action.clear, "put the cash box back"),
        ("silent on", "no-reply", .offline, .reset, "check the validator's power"),
        ("unplug", "disconnected", .powerOff, .reset, "reconnect the validator's USB cable"),
    ])
    func faultsAtConnectionFailBothChecks(
        command: String, code: String, availability: DeviceAvailability, action: Remediation.Action, instruction: String
    ) async throws {
        let validator = try await ValidatorUnderTest.start(prepare: { _ = await $0.handle(controlLine: command) })
        let run = await CheckRun.run(validator.checks(), level: .external)
        await validator.stop()
        for check in ["sync and poll", "bill path"] {
            expectFailure(try run.result(check), availability, code: code, action: action, instruction: instruction)
        }
        #expect(run.report.exitCode == 1)
    }

    /// A corrupted or lost reply is re-sent by the link: the checks pass.
    @Test(arguments: ["corrupt-next", "drop-next"])
    func aSingleBadReplyIsRiddenOut(command: String) async throws {
        let validator = try await ValidatorUnderTest.start(prepare: { _ = await $0.handle(controlLine: command) })
        let run = await CheckRun.run(validator.checks(), level: .external)
        let armed = await validator.simulator.hasArmedReplyFault
        await validator.stop()
        #expect(!armed, "the fault never fired")
        #expect(run.report.exitCode == 0, "\(run.report.table)")
    }

    @Test func theBillPathWaitsWhileACitizenPays() async throws {
        let validator = try await ValidatorUnderTest.start()
        #expect(await validator.runUntilOnline())
        let citizen = TransactionID(session: SessionID(kioskID: "HS-0001", number: 7))
        await validator.driver.startCashIn(citizen, amountDue: .yuan(20))
        let driver = validator.driver
        _ = await DiagnosticWait.until(timeout: .seconds(10)) { await driver.status.details["transaction"] != nil ? true : nil }
        let run = await CheckRun.run(BillValidatorDiagnostics(validator: driver).checks, level: .external)
        let lines = try validator.testLines()
        await validator.stop()
        #expect(try run.result("bill path").verdict == .skipped)
        #expect(lines.isEmpty)
    }
}
