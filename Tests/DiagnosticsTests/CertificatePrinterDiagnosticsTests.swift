import CertificatePrinter
import DeviceKit
import Foundation
import KioskCore
import Simulators
import Testing

/// The certificate printer's checks against a private cupsd and ippeveprinter, with every fault
/// the rig offers. One rig at a time: each is a dbus-daemon, a cupsd and an ippeveprinter.
@Suite("Certificate printer diagnostics", .serialized, .timeLimit(.minutes(10)))
struct CertificatePrinterDiagnosticsTests {
    @Test func aHealthyPrinterPrintsOneUnsignedTestPageAndPassesEveryLevel() async throws {
        let rig = try await CUPSUnderTest.start()
        let technician = ScriptedTechnician(answers: [true])
        let run = await CheckRun.run(rig.checks(), level: .interactive, technician: technician)
        let texts = try await rig.receivedText()
        await rig.stop()

        let state = try run.result("queue and printer state")
        #expect(state.verdict == .passed && state.availability == .online, "\(state)")
        let page = try run.result("test page")
        #expect(page.verdict == .passed, "\(page)")
        #expect(try run.result("test page clean").verdict == .passed)
        #expect(technician.questions.count == 1)
        #expect(run.report.exitCode == 0)

        // One page, the test page: marked, unsigned, no citizen in it.
        #expect(texts.count == 1, "\(texts)")
        let text = try #require(texts.first)
        for expected in ["TEST PAGE", "NOT A CERTIFICATE", "HS-0001", "中文测试", "no signature"] {
            #expect(text.contains(expected), "\(expected) missing from the test page:\n\(text)")
        }
        #expect(!text.contains("OT1:"), "a verification payload on a test page")
    }

    @Test func aTechnicianWhoSeesAFaultyPageFailsTheCheck() async throws {
        let rig = try await CUPSUnderTest.start()
        let run = await CheckRun.run(rig.checks(), level: .interactive, technician: ScriptedTechnician(answers: [false]))
        await rig.stop()
        expectFailure(
            try run.result("test page clean"), .hardwareError, code: "page-not-clean", action: .maintenance, instruction: "toner cartridge")
        #expect(run.report.exitCode == 1)
    }

    /// Faults the queue or the printer reports while idle: the state check and the test page
    /// fail with the driver's fault, and no page is sent (it would come out later). One rig,
    /// each fault set and cleared in turn; then the scheduler is stopped.
    @Test func idleFaultsFailTheStateCheckAndSendNoPage() async throws {
        let rig = try await CUPSUnderTest.start()
        let queue = rig.cups.queue
        struct Case {
            var name: String
            var set: @Sendable (CUPSUnderTest) async throws -> Void
            var clear: @Sendable (CUPSUnderTest) async throws -> Void
            var availability: DeviceAvailability
            var code: String
            var action: Remediation.Action
            var instruction: String
        }
        let cases = [
            Case(
                name: "stopped queue", set: { try await $0.admin("cupsdisable", ["-r", "technician on site", queue]) },
                clear: { try await $0.admin("cupsenable", [queue]) }, availability: .offline, code: "queue-stopped", action: .configuration,
                instruction: "cupsenable \(queue)"),
            Case(
                name: "rejecting queue", set: { try await $0.admin("cupsreject", ["-r", "maintenance", queue]) },
                clear: { try await $0.admin("cupsaccept", [queue]) }, availability: .offline, code: "queue-rejecting", action: .configuration,
                instruction: "cupsaccept \(queue)"),
            Case(
                name: "paper out", set: { try await $0.rig { try $0.setPaper(level: 0) } }, clear: { try await $0.rig { try $0.setPaper(level: 250) } },
                availability: .userError, code: "paper-out", action: .clear, instruction: "load A4 paper"),
            Case(
                name: "printer off", set: { try await $0.rig { $0.stopPrinter() } }, clear: { try await $0.rig { try $0.startPrinter() } },
                availability: .offline, code: "printer-offline", action: .reset, instruction: "switch the printer on"),
        ]
        for fault in cases {
            try await fault.set(rig)
            let run = await CheckRun.run(rig.checks(), level: .external)
            for check in ["queue and printer state", "test page"] {
                expectFailure(try run.result(check), fault.availability, code: fault.code, action: fault.action, instruction: fault.instruction)
            }
            #expect(run.report.exitCode == 1, "\(fault.name)")
            try await fault.clear(rig)
            #expect(await CheckRun.run(rig.checks(), level: .internal).report.exitCode == 0, "\(fault.name) cleared")
        }
        #expect(rig.cups.receivedDocuments().isEmpty, "a test page was sent to a faulty printer")

        // The queue's name wrong in the configuration, then cupsd itself gone.
        let missing = try CertificatePrinterDriver(
            configuration: CUPSUnderTest.configuration(rig.cups, queue: "NoSuchQueue"),
            journalPath: rig.directory.appendingPathComponent("other.sqlite").path, issuingKey: IssuingKey(), kioskID: "HS-0001", issuingOffice: "x")
        expectFailure(
            try await CheckRun.run(rig.checks(for: missing), level: .internal).result("queue and printer state"), .noDevice, code: "queue-missing",
            action: .configuration, instruction: "lpadmin -p NoSuchQueue")
        // `onetrip diag` starts with a fresh connection: cupsd's socket refuses it. (A driver that
        // was connected when cupsd died first reads "cups-error 0x502", then this.)
        try await rig.rig { $0.stopScheduler() }
        let fresh = try CertificatePrinterDriver(
            configuration: CUPSUnderTest.configuration(rig.cups), journalPath: rig.directory.appendingPathComponent("fresh.sqlite").path,
            issuingKey: IssuingKey(), kioskID: "HS-0001", issuingOffice: "x")
        let down = await CheckRun.run(rig.checks(for: fresh), level: .external)
        for check in ["queue and printer state", "test page"] {
            expectFailure(try down.result(check), .offline, code: "cups-unreachable", action: .reset, instruction: "start the CUPS scheduler")
        }
        await rig.stop()
    }

    @Test func tonerLowIsAWarningThatStillPasses() async throws {
        let rig = try await CUPSUnderTest.start()
        try await rig.rig { try $0.setSupplies(waste: 25, toner: 5) }
        let run = await CheckRun.run(rig.checks(), level: .external)
        await rig.stop()
        let state = try run.result("queue and printer state")
        #expect(state.verdict == .passed && state.availability == .online, "\(state)")
        #expect(state.details["warnings"]?.contains("toner-low") == true, "\(state.details)")
        #expect(state.detail.contains("toner-low"))
        #expect(try run.result("test page").verdict == .passed)
        #expect(run.report.exitCode == 0)
    }

    /// Faults of the print engine, seen only once a page is printing: the state check passes,
    /// the test page is cancelled and fails with the fault.
    @Test(arguments: [
        (PrivateCUPS.EngineMode.jam, DeviceAvailability.userError, "paper-jam", Remediation.Action.clear, "remove the jammed sheets"),
        (.door, .userError, "door-open", .clear, "close the printer's doors"),
        (.fail, .hardwareError, "test-page-failed", .maintenance, "did not complete the test page"),
    ])
    func engineFaultsFailTheTestPage(
        mode: PrivateCUPS.EngineMode, availability: DeviceAvailability, code: String, action: Remediation.Action, instruction: String
    ) async throws {
        let rig = try await CUPSUnderTest.start()
        try await rig.rig { try $0.setEngine(mode) }
        let run = await CheckRun.run(rig.checks(), level: .external)
        try await rig.rig { try $0.setEngine(.ok) }
        await rig.stop()
        #expect(try run.result("queue and printer state").verdict == .passed)
        expectFailure(try run.result("test page"), availability, code: code, action: action, instruction: instruction)
        #expect(run.report.exitCode == 1)
    }
}
