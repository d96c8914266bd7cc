import ControlAPI
import DeviceKit
import Foundation
import Journal
import KioskCore
import Simulators
import Testing

/// The operator commands against the running `onetripd`: the built `onetrip` binary talking to
/// the daemon's control socket, while the test plays the citizen's screen.
extension EndToEndTests {
    @Test func operatorsSeeAndSteerTheRunningDaemonThroughItsControlSocket() async throws {
        try await self.withRig(.init(isOneSwipe: false)) { rig in
            let ui = try rig.ui
            try await ui.waitFor(.idle)

            // Status and devices come from the daemon's health board and session.
            let status = try await self.operatorCommand(rig, ["status", "--json"], as: KioskStatusReport.self)
            #expect(status.kioskID == rig.kioskID)
            #expect(status.inService && !status.maintenance.enabled)
            #expect(status.sessionState == "idle" && status.screen == .idle)
            #expect(status.devices.map(\.role) == DeviceRole.allCases)
            #expect(status.queue != nil)
            let devicesRun = try await self.onetrip(rig, ["devices"])
            #expect(devicesRun.status == 0, "\(devicesRun.errors)")
            let devices = try await ControlClient(socketPath: rig.path("run/control.sock"), accessGroup: nil).devices()
            let reader = try #require(devices.first { $0.role == .idCardReader })
            #expect(reader.endpoint == rig.path("dev/idcard") && reader.profile == "idcard-sam-serial-generic")
            #expect(reader.status.availability == .online)
            #expect(devices.first { $0.role == .certificatePrinter }?.endpoint?.hasPrefix("CUPS queue") == true)

            // A visit under way: sessions shows where it stands, never who the citizen is.
            try await rig.control("idcard", "place alpha")
            try await ui.waitFor(.serviceMenu)
            let sessionsRun = try await self.onetrip(rig, ["sessions", "--json"])
            let sessions = try ControlJSON.makeDecoder().decode(SessionsReport.self, from: Data(sessionsRun.text.utf8))
            #expect(sessions.current?.state == "serviceMenu")
            #expect(sessions.current?.sessionID.hasPrefix(rig.kioskID) == true)
            #expect(!sessionsRun.text.contains("3518"), "no ID number, not even masked")

            // External checks print and move money: refused while the citizen is there.
            let refused = try await self.onetrip(rig, ["diag", "--level", "external", "--json"])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("take the kiosk out of service first: onetrip maintenance on"), "\(refused.errors)")

            // Maintenance on: the visit finishes first, then the kiosk is out of service.
            let on = try await self.onetrip(rig, ["maintenance", "on", "--reason", "changing the receipt roll"])
            #expect(on.status == 0, "\(on.errors)")
            #expect(on.text.contains("a citizen's visit is under way"))
            #expect(try await ui.waitFor(.serviceMenu, timeout: .seconds(5)).kind == .serviceMenu)
            try await ui.choose(.cancel)
            try await rig.control("idcard", "remove")
            try await ui.waitFor(.outOfService, timeout: .seconds(30))
            let held = try await self.operatorCommand(rig, ["status", "--json"], as: KioskStatusReport.self)
            #expect(!held.inService && held.maintenance.enabled && held.maintenance.reason == "changing the receipt roll")
            #expect(held.sessionState == "outOfService" && !held.maintenance.visitInProgress)

            // Diagnostics run in the daemon, on the drivers it holds.
            let diagRun = try await self.onetrip(rig, ["diag", "--level", "internal", "--json"])
            let diag = try ControlJSON.makeDecoder().decode(DiagnosticReport.self, from: Data(diagRun.text.utf8))
            #expect(diag.source == "onetripd")
            #expect(Set(diag.entries.compactMap(\.role)) == Set(DeviceRole.allCases))
            #expect(diag.entries.contains { $0.role == .idCardReader && $0.check != "device present" && $0.result.verdict == .passed })
            #expect(!diag.entries.contains { $0.check == "device node opens" })
            #expect(diag.failures.isEmpty, "\(diag.failures.map { "\($0.role?.rawValue ?? "kiosk"): \($0.check): \($0.result.detail)" })")
            #expect(diagRun.status == 0)

            // Maintenance off: back in service; both actions journalled under the user.
            let off = try await self.onetrip(rig, ["maintenance", "off"])
            #expect(off.status == 0, "\(off.errors)")
            try await ui.waitFor(.idle, timeout: .seconds(30))
            let journal = try await rig.journal()
            let actions = try await journal.events(matching: EventQuery(category: .operator, oldestFirst: true))
            #expect(actions.map(\.event.code) == ["maintenance-on", "maintenance-off"])
            #expect(actions.allSatisfy { $0.event.source == "operator:\(Self.userName)" })
            #expect(actions.first?.event.message.contains("changing the receipt roll") == true)

            // An idle kiosk runs external checks too, held out of service meanwhile, then back.
            let before = await ui.screens.count
            let external = try await self.onetrip(rig, ["diag", "--level", "external", "--role", "receiptPrinter", "--json"])
            let externalReport = try ControlJSON.makeDecoder().decode(DiagnosticReport.self, from: Data(external.text.utf8))
            #expect(externalReport.source == "onetripd" && external.status == 0, "\(externalReport.failures)")
            #expect(externalReport.entries.contains { $0.level == .external && $0.result.verdict == .passed })
            let receipts = try FileManager.default.contentsOfDirectory(atPath: rig.path("receipts")).filter { $0.hasSuffix(".txt") }
            #expect(receipts.count == 1, "the test receipt came out of the printer")
            try await ui.waitUntil("no out-of-service screen, then idle, during the external checks", timeout: .seconds(30)) { screens in
                screens.dropFirst(before).contains { $0.kind == .outOfService } && screens.last?.kind == .idle
            }

            // The queue from the journal's outbox and the uploader; a flush empties it.
            let queue = try await self.operatorCommand(rig, ["queue", "--json"], as: QueueReport.self)
            #expect(queue.highestSequence > 0 && queue.uploader != nil)
            let flush = try await self.onetrip(rig, ["queue", "flush"])
            #expect(flush.status == 0, "\(flush.errors)")
            #expect(flush.text.contains("queue empty"))
        }
    }

    /// Runs the built `onetrip` against the rig's control socket.
    func onetrip(_ rig: KioskRig, _ arguments: [String]) async throws -> CommandLineTool.Result {
        try await CommandLineTool.run(
            rig.binaries.appendingPathComponent("onetrip").path, arguments + ["--socket", rig.path("run/control.sock")], check: false)
    }

    /// Runs an operator command with `--json` and decodes its answer.
    func operatorCommand<Report: Decodable>(_ rig: KioskRig, _ arguments: [String], as type: Report.Type) async throws -> Report {
        let run = try await self.onetrip(rig, arguments)
        guard run.status == 0 else { throw RigFailure("onetrip \(arguments.joined(separator: " ")) exited \(run.status): \(run.errors)") }
        return try ControlJSON.makeDecoder().decode(type, from: Data(run.text.utf8))
    }

    /// This process's login name: what the daemon journals an operator action under.
    static var userName: String {
        guard let entry = getpwuid(getuid()) else { return "uid \(getuid())" }
        return String(cString: entry.pointee.pw_name)
    }
}

extension EndToEndTests {
    @Test func maintenanceModeSurvivesADaemonCrash() async throws {
        try await self.withRig { rig in
            try await rig.ui.waitFor(.idle)
            let on = try await self.onetrip(rig, ["maintenance", "on", "--reason", "cash box removed"])
            #expect(on.status == 0, "\(on.errors)")
            try await rig.ui.waitFor(.outOfService, timeout: .seconds(30))
            // A power cut: the kiosk under repair must not come back in service by itself.
            // Its control socket stays behind, stale; the new daemon replaces it.
            await rig.killDaemon()
            try await rig.startDaemon()
            try await rig.ui.waitFor(.outOfService, timeout: .seconds(60))
            let status = try await self.waitForStatus(rig) { $0.maintenance.enabled }
            #expect(status.maintenance.reason == "cash box removed" && !status.inService)
            let off = try await self.onetrip(rig, ["maintenance", "off"])
            #expect(off.status == 0, "\(off.errors)")
            try await rig.ui.waitFor(.idle, timeout: .seconds(30))
        }
    }

    /// The daemon's status once its control socket answers and the status satisfies a condition.
    func waitForStatus(_ rig: KioskRig, _ condition: (KioskStatusReport) -> Bool) async throws -> KioskStatusReport {
        var last: KioskStatusReport?
        for _ in 0..<200 {
            if let status = try? await self.operatorCommand(rig, ["status", "--json"], as: KioskStatusReport.self) {
                if condition(status) { return status }
                last = status
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RigFailure("the daemon's status never matched; last: \(String(describing: last))")
    }
}
