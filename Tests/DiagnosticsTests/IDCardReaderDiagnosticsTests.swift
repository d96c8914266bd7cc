import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// The ID card reader's checks against the reader simulator, with every fault it offers.
@Suite("ID card reader diagnostics", .serialized, .timeLimit(.minutes(5)))
struct IDCardReaderDiagnosticsTests {
    @Test func aHealthyReaderPassesEveryLevelAndNeverShowsAFullNumber() async throws {
        let reader = try await ReaderUnderTest.start(prepare: { try await $0.place("alpha") })
        let simulator = reader.simulator
        let technician = ScriptedTechnician { instruction in
            if instruction.contains("Place a test ID card") { _ = try? await simulator.place("bravo") }
        }
        let run = await CheckRun.run(reader.checks(), level: .interactive, technician: technician)
        await reader.stop()

        let sam = try run.result("SAM status and ID")
        #expect(sam.verdict == .passed, "\(sam)")
        #expect(sam.availability?.isUsable == true)
        #expect(sam.details["sam-id"]?.hasPrefix("05.01-20240101") == true, "\(sam.details)")
        let alpha = try Fixtures.citizen("alpha").identity
        let bravo = try Fixtures.citizen("bravo").identity
        let read = try run.result("card read")
        #expect(read.verdict == .passed, "\(read)")
        #expect(read.detail.contains(alpha.documentNumber.masked), "\(read.detail)")
        #expect(read.details["card-type"] == alpha.cardType.rawValue)
        let guided = try run.result("guided card read")
        #expect(guided.verdict == .passed, "\(guided)")
        #expect(guided.detail.contains(bravo.documentNumber.masked), "\(guided.detail)")
        #expect(technician.instructions.first?.contains("Place a test ID card") == true)
        #expect(run.report.exitCode == 0)
        for identity in [alpha, bravo] {
            #expect(!run.json.contains(identity.documentNumber.unmaskedValue), "a full ID number reached the report")
            #expect(!run.json.contains(identity.name), "a name reached the report")
        }
    }

    @Test func withNoCardOnTheReaderTheCardReadIsSkippedNotFailed() async throws {
        let reader = try await ReaderUnderTest.start()
        let run = await CheckRun.run(reader.checks(), level: .external)
        await reader.stop()
        let read = try run.result("card read")
        #expect(read.verdict == .skipped, "\(read)")
        #expect(read.detail.contains("no card on the reader"))
        #expect(run.report.exitCode == 0)
    }

    /// Card faults the SAM reports for every attempt: the reader works (online) but refuses the
    /// test card, and the fault says what to do next.
    @Test(arguments: [
        (IDCardReaderFault.selectFail, "test-card-unreadable", Remediation.Action.clear, "keep it still"),
        (.readFail, "test-card-unreadable", .clear, "keep it still"),
        (.authenticationFail, "test-card-not-authenticated", .maintenance, "SAM module needs service"),
        (.wrongCard, "test-card-unsupported", .clear, "I, J or Y card"),
    ])
    func aRefusedTestCardFailsTheCardRead(fault: IDCardReaderFault, code: String, action: Remediation.Action, instruction: String) async throws {
        let reader = try await ReaderUnderTest.start(prepare: { simulator in
            await simulator.inject(fault, count: nil)
            try await simulator.place("charlie")
        })
        let run = await CheckRun.run(reader.checks(), level: .external)
        await reader.stop()
        #expect(try run.result("SAM status and ID").verdict == .passed)
        expectFailure(try run.result("card read"), .online, code: code, action: action, instruction: instruction)
        #expect(run.report.exitCode == 1)
    }

    @Test func aCardTheReaderNeverFindsFailsTheGuidedRead() async throws {
        let reader = try await ReaderUnderTest.start(prepare: { await $0.inject(.noCard, count: nil) })
        let simulator = reader.simulator
        let technician = ScriptedTechnician { instruction in
            if instruction.contains("Place a test ID card") { _ = try? await simulator.place("delta") }
        }
        let run = await CheckRun.run(reader.checks(guidedWait: .seconds(3)), level: .interactive, technician: technician)
        await reader.stop()
        #expect(try run.result("card read").verdict == .skipped)
        expectFailure(try run.result("guided card read"), .online, code: "no-card-detected", action: .clear, instruction: "marked area")
        #expect(run.report.exitCode == 1)
    }

    @Test func aFailedSAMIsAHardwareErrorWithTheDriversRemediation() async throws {
        let reader = try await ReaderUnderTest.start(prepare: { simulator in
            await simulator.inject(.samFault, count: nil)
            try await simulator.place("alpha")
        })
        let run = await CheckRun.run(reader.checks(), level: .external)
        await reader.stop()
        for check in ["SAM status and ID", "card read"] {
            expectFailure(
                try run.result(check), .hardwareError, code: "sam-self-test-failed", action: .maintenance, instruction: "replace the SAM module")
        }
        #expect(run.report.exitCode == 1)
    }

    /// Line faults the driver rides out (a retry, reassembly, skipping noise, a patient wait):
    /// the checks pass.
    @Test(arguments: [
        (IDCardReaderFault.corruptChecksum, 1), (.mute, 1), (.fragmented, nil), (.slow, nil), (.garbage, nil),
    ] as [(IDCardReaderFault, Int?)])
    func lineFaultsTheDriverSurvivesPass(fault: IDCardReaderFault, count: Int?) async throws {
        let reader = try await ReaderUnderTest.start(prepare: { simulator in
            await simulator.inject(fault, count: count)
            try await simulator.place("echo")
        })
        let run = await CheckRun.run(reader.checks(), level: .external)
        await reader.stop()
        #expect(try run.result("SAM status and ID").verdict == .passed, "\(run.report.table)")
        #expect(try run.result("card read").verdict == .passed, "\(run.report.table)")
        #expect(run.report.exitCode == 0)
    }

    /// A reader whose every reply is corrupted or missing: not answering, reset it.
    @Test(arguments: [IDCardReaderFault.corruptChecksum, .mute])
    func aReaderThatNeverAnswersUsablyIsAHardwareError(fault: IDCardReaderFault) async throws {
        let reader = try await ReaderUnderTest.start(configure: { $0.commandTimeout = .milliseconds(300) }, prepare: { simulator in
            await simulator.inject(fault, count: nil)
        })
        let run = await CheckRun.run(reader.checks(), level: .external)
        await reader.stop()
        for check in ["SAM status and ID", "card read"] {
            expectFailure(try run.result(check), .hardwareError, code: "reader-not-answering", action: .reset, instruction: "power-cycle it")
        }
        #expect(run.report.exitCode == 1)
    }

    @Test func anUnpluggedReaderIsNoDevice() async throws {
        let reader = try await ReaderUnderTest.start(prepare: { await $0.unplug() })
        let run = await CheckRun.run(reader.checks(), level: .internal)
        await reader.stop()
        expectFailure(try run.result("SAM status and ID"), .noDevice, code: "port-missing", action: .configuration, instruction: "connect the reader")
        #expect(run.report.exitCode == 1)
    }

    /// The daemon's path: the driver already runs, and the checks report what it sees now.
    @Test func aRunningDriversFaultsAreReportedWithoutRestartingIt() async throws {
        let reader = try await ReaderUnderTest.start()
        reader.loop.ensureRunning()
        let driver = reader.driver
        #expect(await DiagnosticWait.until(timeout: .seconds(15)) { await driver.status.availability == .online ? true : nil } == true)
        await reader.simulator.unplug()
        #expect(await DiagnosticWait.until(timeout: .seconds(15)) { await driver.status.availability == .noDevice ? true : nil } == true)
        let checks = IDCardReaderDiagnostics(reader: driver).checks
        let run = await CheckRun.run(checks, level: .internal)
        let sam = try run.result("SAM status and ID")
        #expect(sam.availability == .noDevice, "\(sam)")
        #expect(["device-gone", "port-missing"].contains(sam.faults.first?.code ?? ""), "\(sam)")
        try await reader.simulator.plugIn()
        #expect(await DiagnosticWait.until(timeout: .seconds(15)) { await driver.status.availability == .online ? true : nil } == true)
        #expect(try await CheckRun.run(checks, level: .internal).result("SAM status and ID").verdict == .passed)
        await reader.stop()
    }
}
