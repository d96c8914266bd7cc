import ControlAPI
import DeviceKit
import Foundation
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip status`, `maintenance`, `sessions`, `queue` and `diag` talking to a real control
/// server (over canned kiosk state), and what they say when the daemon is down or the user may
/// not use its socket.
@Suite("Operator commands through the control API", .serialized)
struct DaemonCommandTests {
    @Test func statusShowsServiceMaintenanceQueueAndDeviceFaultsWithRemediation() async throws {
        try await RunningControlServer.with(CannedKiosk()) { server in
            let run = try await OneTripTool.run(["status", "--socket", server.socketPath])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("TEST-01 (onetripd 0.1.0-test), up 1 d 2 h"))
            #expect(run.output.contains("in service"))
            #expect(run.output.contains("maintenance  off"))
            #expect(run.output.contains("12 waiting"))
            #expect(run.output.contains("✗ paper-out: the paper roll is empty → clear: load a new 80 mm roll and close the cover"))
            let json = try await OneTripTool.run(["status", "--socket", server.socketPath, "--json"])
            #expect(try ControlJSON.makeDecoder().decode(KioskStatusReport.self, from: Data(json.output.utf8)).kioskID == "TEST-01")
        }
    }

    @Test func maintenanceOnTakesTheKioskOutOfServiceAndOffPutsItBack() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let on = try await OneTripTool.run(["maintenance", "on", "--reason", "replacing the paper roll", "--socket", server.socketPath])
            #expect(on.status == 0, "\(on.errors)")
            #expect(on.output.contains("maintenance ON since"))
            #expect(on.output.contains("replacing the paper roll"))
            #expect(on.output.contains("a citizen's visit is under way"))
            let status = try await OneTripTool.run(["status", "--socket", server.socketPath])
            #expect(status.output.contains("OUT OF SERVICE for citizens"))
            let shown = try await OneTripTool.run(["maintenance", "status", "--socket", server.socketPath, "--json"])
            #expect(try ControlJSON.makeDecoder().decode(MaintenanceState.self, from: Data(shown.output.utf8)).enabled)
            let off = try await OneTripTool.run(["maintenance", "off", "--socket", server.socketPath])
            #expect(off.output.contains("maintenance off"))
            #expect(await kiosk.maintenanceCalls.map(\.enabled) == [true, false])
            let misuse = try await OneTripTool.run(["maintenance", "off", "--reason", "x", "--socket", server.socketPath])
            #expect(misuse.status != 0)
        }
    }

    @Test func sessionsShowTheVisitUnderWayAndRecentVisits() async throws {
        try await RunningControlServer.with(CannedKiosk()) { server in
            let run = try await OneTripTool.run(["sessions", "--socket", server.socketPath])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("current visit: TEST-01-000043, state awaitingPayment, screen payment, service traffic-fine-payment, due ¥200.00, paid ¥50.00"))
            #expect(run.output.contains("TEST-01-000042"))
            #expect(run.output.contains("social-insurance-proof"))
        }
    }

    @Test func queueStatusAndFlushGoThroughTheDaemon() async throws {
        try await RunningControlServer.with(CannedKiosk()) { server in
            let status = try await OneTripTool.run(["queue", "--socket", server.socketPath])
            #expect(status.status == 0, "\(status.errors)")
            #expect(status.output.contains("12 records (4 telemetry, 5 KiB)"))
            #expect(status.output.contains("back office unreachable"))
            #expect(status.output.contains("backing off"))
            // Not a terminal: one plain line per batch.
            let flush = try await OneTripTool.run(["queue", "flush", "--socket", server.socketPath])
            #expect(flush.status == 0, "\(flush.errors)")
            #expect(flush.output.split(separator: "\n").map(String.init) == [
                "uploaded 5 of 12 records, acknowledged through #93", "uploaded 12 of 12 records, acknowledged through #100",
                "queue empty: 12 records uploaded, acknowledged through #100",
            ])
            let json = try await OneTripTool.run(["queue", "flush", "--socket", server.socketPath, "--json"])
            #expect(json.output.split(separator: "\n").count == 3)
            #expect(json.output.split(separator: "\n").last?.hasPrefix(#"{"result":"#) == true)
        }
    }

    @Test func aFlushThatLeavesRecordsExitsOne() async throws {
        let kiosk = CannedKiosk()
        await kiosk.setFlushSteps([QueueFlushProgress(uploaded: 5, remaining: 7, acknowledgedThrough: 93)])
        try await RunningControlServer.with(kiosk) { server in
            let flush = try await OneTripTool.run(["queue", "flush", "--socket", server.socketPath])
            #expect(flush.status == 1)
            #expect(flush.output.contains("7 still waiting"))
            await kiosk.set(refusal: .unavailable("no back office is configured (uplink.url in onetrip.toml)"))
            let refused = try await OneTripTool.run(["queue", "flush", "--socket", server.socketPath])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("onetripd refused: no back office is configured"), "\(refused.errors)")
        }
    }

    @Test func diagRunsInTheDaemonWhenItAnswersAndLocallyWhenItIsDown() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk) { server in
            let profiles = Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles").path
            let remote = try await OneTripTool.run(["diag", "--socket", server.socketPath, "--json", "--role", "receiptPrinter", "--profiles", profiles])
            #expect(remote.status == 1, "the daemon's paper check failed: \(remote.errors)")
            let report = try ControlJSON.makeDecoder().decode(DiagnosticReport.self, from: Data(remote.output.utf8))
            #expect(report.source == "onetripd")
            #expect(report.entries.map(\.check) == ["device profiles", "paper and cover status"])
            #expect(await kiosk.diagnosticRequests == [DiagnosticRequest(level: .internal, roles: [.receiptPrinter])])
            let table = try await OneTripTool.run(["diag", "--socket", server.socketPath, "--role", "receiptPrinter", "--profiles", profiles])
            #expect(table.output.contains("(onetripd, level internal)"))

            let local = try await OneTripTool.run([
                "diag", "--socket", server.directory.appendingPathComponent("absent.sock").path, "--json", "--role", "receiptPrinter", "--profiles", profiles,
            ])
            let localReport = try ControlJSON.makeDecoder().decode(DiagnosticReport.self, from: Data(local.output.utf8))
            #expect(localReport.source == "local")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-run"), "needs umockdev"))
    func devicesShowTheStatusTheDaemonsDriversReport() async throws {
        let profiles = try Fixtures.temporaryDirectory("onetrip-profiles")
        defer { try? FileManager.default.removeItem(at: profiles) }
        let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/umockdev")
        for file in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("profiles").path) {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("profiles/\(file)"), to: profiles.appendingPathComponent(file))
        }
        let devices = ["xhci-host", "idreader-ch340"].flatMap { ["--device", fixtures.appendingPathComponent("\($0).umockdev").path] }
        try await RunningControlServer.with(CannedKiosk()) { server in
            let run = try await OneTripTool.run(
                ["devices", "--json", "--socket", server.socketPath, "--profiles", profiles.path], prefix: ["/usr/bin/umockdev-run"] + devices + ["--"])
            #expect(run.status == 0, "\(run.errors)")
            let listing = try JSONDecoder().decode(DeviceListing.self, from: Data(run.output.utf8))
            let reader = try #require(listing.devices.first { $0.role == .idCardReader })
            #expect(reader.status == DeviceAvailability.online.label)
        }
        // Without a daemon nobody has checked.
        let run = try await OneTripTool.run(
            ["devices", "--json", "--socket", profiles.appendingPathComponent("absent.sock").path, "--profiles", profiles.path],
            prefix: ["/usr/bin/umockdev-run"] + devices + ["--"])
        let listing = try JSONDecoder().decode(DeviceListing.self, from: Data(run.output.utf8))
        #expect(listing.devices.first { $0.role == .idCardReader }?.status == "not checked")
    }

    @Test func aDownDaemonIsSaidInWordsAndExitsNonZero() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-down")
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("control.sock").path
        for arguments in [["status"], ["maintenance", "on"], ["sessions"], ["queue", "flush"]] {
            let run = try await OneTripTool.run(arguments + ["--socket", socket])
            #expect(run.status != 0)
            #expect(run.errors.contains("onetripd is not running (no socket at \(socket))"), "\(arguments): \(run.errors)")
        }
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to run the tool as another user"))
    func onlyMembersOfTheSocketsGroupMayUseIt() async throws {
        let kiosk = CannedKiosk()
        try await RunningControlServer.with(kiosk, groupName: "daemon") { server in
            let gid = try #require(getgrnam("daemon")).pointee.gr_gid
            let outsider = try await OneTripTool.run(
                ["status", "--socket", server.socketPath, "--config", "/nonexistent.toml"],
                prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
            #expect(outsider.status != 0)
            #expect(outsider.errors.contains("permission denied"), "\(outsider.errors)")
            let member = try await OneTripTool.run(
                ["status", "--socket", server.socketPath], prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--groups=\(gid)"])
            #expect(member.status == 0, "\(member.errors)")
            #expect(member.output.contains("TEST-01"))
            // An operator action is journalled under the user the kernel names, not a claimed one.
            let switched = try await OneTripTool.run(
                ["maintenance", "on", "--socket", server.socketPath],
                prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--groups=\(gid)"])
            #expect(switched.status == 0, "\(switched.errors)")
            let peer = await kiosk.maintenanceCalls.last?.peer
            #expect(peer?.uid == 65534)
            #expect(peer?.userName == String(cString: getpwuid(65534).pointee.pw_name))
            // The permission error names the group from the configuration.
            let files = try KioskFiles(socketPath: server.socketPath)
            defer { files.remove() }
            chmod(files.directory.path, 0o755)
            chmod(files.configPath, 0o644)
            let named = try await OneTripTool.run(
                ["status", "--config", files.configPath], prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
            #expect(named.errors.contains("add yourself to the daemon group"), "\(named.errors)")
        }
    }
}
