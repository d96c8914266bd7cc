@testable import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The checks that need no driver, against real PTYs, files and the recorded devices.
@Suite("Standard diagnostic checks")
struct DiagnosticChecksTests {
    private func environment(_ names: [String], roles: [DeviceRole] = DeviceRole.allCases) throws -> DiagnosticEnvironment {
        let profiles = try DeviceSamples.profiles()
        let matcher = DeviceMatcher(profiles: profiles)
        let devices = try names.map { try #require(matcher.discover(try DeviceSamples.node($0))) }
        var withCUPS = profiles
        let shipped = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))
        withCUPS += shipped.profiles.filter { $0.id == "a4-laser-cups" }
        return DiagnosticEnvironment(profiles: DeviceProfileLibrary(profiles: withCUPS, errors: []), assignment: RoleAssignment.assign(devices), roles: roles)
    }

    private func run(_ check: any DiagnosticCheck) async -> DiagnosticResult {
        await check.run(in: DiagnosticContext())
    }

    @Test func presenceIsReportedForEveryRole() async throws {
        let environment = try self.environment(["idreader-ch340"])
        let reader = await self.run(DevicePresenceCheck(role: .idCardReader, environment: environment))
        #expect(reader.verdict == .passed && reader.details["node"] == "/dev/ttyUSB0" && reader.details["profile"] == "test-idreader-ch340")

        let validator = await self.run(DevicePresenceCheck(role: .billValidator, environment: environment))
        #expect(validator.verdict == .failed && validator.availability == .powerOff)
        #expect(validator.faults.map(\.code) == ["not-connected"] && validator.faults[0].remediation.action == .clear)
        #expect(validator.faults[0].citizenNotice == LocalizedText(zh: "纸币识别器暂不可用", en: "Banknote acceptor unavailable"))

        let printer = await self.run(DevicePresenceCheck(role: .certificatePrinter, environment: environment))
        #expect(printer.verdict == .skipped && printer.detail.contains("CUPS queue KioskA4"))

        var bare = environment
        bare.profiles = DeviceProfileLibrary(profiles: [])
        bare.assignment = RoleAssignment()
        let none = await self.run(DevicePresenceCheck(role: .idCardReader, environment: bare))
        #expect(none.availability == .noDevice && none.faults.first?.remediation.action == .configuration)
    }

    @Test func brokenProfilesFailTheKioskWideCheckWithFileAndLine() async throws {
        let directory = try Fixtures.temporaryDirectory("broken-profiles")
        defer { try? FileManager.default.removeItem(at: directory) }
        try "model: x\nvendor: y\nrole: idCardReader\nmatch: {subsystem: tty}\ntransport: {kind: serial, baudRate: 115201}\nprotocol: sam\ncapabilities: {}\n"
            .write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = await self.run(ProfileLibraryCheck(library: DeviceProfileLibrary.load(directory: directory)))
        #expect(result.verdict == .failed && result.availability == nil)
        #expect(result.faults.first?.summary.hasPrefix("DeviceProfiles/bad.yaml:5: transport.baudRate: 115201 is not a standard rate") == true, "\(result)")
        #expect(result.faults.first?.remediation.action == .configuration)
        let fine = await self.run(ProfileLibraryCheck(library: DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))))
        #expect(fine.verdict == .passed)
    }

    private func holder(node: String, profile id: String) throws -> RoleAssignment.Holder {
        let profiles = try DeviceSamples.profiles()
        let profile = try #require(profiles.first { $0.id == id })
        let device = UdevDevice(syspath: "/sys/devices/test/\(UUID())", sysname: "x", subsystem: "tty", devnode: node)
        return RoleAssignment.Holder(
            device: DiscoveredDevice(udev: device, identity: DeviceIdentity(of: device), matches: [ProfileMatch(profile: profile)]),
            match: ProfileMatch(profile: profile), reason: .bestMatch)
    }

    @Test func aSerialNodeThatOpensPassesAndOneThatVanishedFails() async throws {
        // The node is a link to a real PTY, as udev's /dev/onetrip links are: pulling the
        // device out takes the node away (a PTY number itself is soon reused by other tests).
        let directory = try Fixtures.temporaryDirectory("tty")
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try PseudoTerminal()
        let node = directory.appendingPathComponent("ttyUSB0").path
        try FileManager.default.createSymbolicLink(atPath: node, withDestinationPath: terminal.devicePath)
        let check = try #require(DeviceNodeAccessCheck(role: .idCardReader, holder: try self.holder(node: node, profile: "test-idreader-ch340")))
        let opened = await self.run(check)
        #expect(opened.verdict == .passed && opened.details["baud"] == "115200", "\(opened)")
        terminal.unplug()
        try FileManager.default.removeItem(atPath: node)
        let gone = await self.run(check)
        #expect(gone.verdict == .failed && gone.availability == .powerOff, "\(gone)")
        #expect(gone.faults.first?.code == "node-missing" && gone.faults.first?.remediation.action == .reset)
    }

    @Test func aPrinterNodeIsOpenedForWriting() async throws {
        let directory = try Fixtures.temporaryDirectory("lp")
        defer { try? FileManager.default.removeItem(at: directory) }
        let node = directory.appendingPathComponent("lp0").path
        #expect(FileManager.default.createFile(atPath: node, contents: nil))
        let check = try #require(DeviceNodeAccessCheck(role: .receiptPrinter, holder: try self.holder(node: node, profile: "escpos-80mm-generic")))
        #expect(await self.run(check).verdict == .passed)
        try FileManager.default.removeItem(atPath: node)
        let missing = await self.run(check)
        #expect(missing.availability == .powerOff && missing.faults.first?.code == "node-missing")
    }

    @Test func errorsBecomeTheRemediationATechnicianNeeds() throws {
        let check = try #require(DeviceNodeAccessCheck(role: .idCardReader, holder: try self.holder(node: "/dev/ttyUSB0", profile: "test-idreader-ch340")))
        // Root opens anything, so permission and lock errors are mapped here rather than provoked.
        let denied = check.failure(.openFailed(path: "/dev/ttyUSB0", errno: EACCES), path: "/dev/ttyUSB0")
        #expect(denied.availability == .offline && denied.faults.first?.code == "node-permission-denied")
        #expect(denied.faults.first?.remediation.instruction.contains("onetrip devices udev-rules") == true)
        let busy = check.failure(.busy(path: "/dev/ttyUSB0"), path: "/dev/ttyUSB0")
        #expect(busy.availability == .busy && busy.faults.first?.remediation.action == .configuration)
        let broken = check.failure(.openFailed(path: "/dev/ttyUSB0", errno: EIO), path: "/dev/ttyUSB0")
        #expect(broken.availability == .hardwareError && broken.faults.first?.remediation.action == .reset)
    }

    @Test func theStandardCatalogueBuildsChecksForWhatIsThere() throws {
        let environment = try self.environment(["idreader-ch340", "receipt-printer-usblp"], roles: [.idCardReader, .receiptPrinter, .certificatePrinter])
        let checks = DiagnosticCatalogue.standard.checks(for: environment)
        #expect(checks.map { "\($0.role?.rawValue ?? "kiosk") \($0.name)" } == [
            "kiosk device profiles load", "idCardReader device present", "receiptPrinter device present", "certificatePrinter device present",
            "idCardReader device node opens", "receiptPrinter device node opens",
        ])
    }

    @Test func theKioskCatalogueAddsEachRolesDriverChecksAndTheDaemonsLeavesNodesAlone() throws {
        let environment = try self.environment(["idreader-ch340", "receipt-printer-usblp"], roles: [.idCardReader, .receiptPrinter])
        let driverCheck: @Sendable (DeviceRole, DiagnosticEnvironment) -> [any DiagnosticCheck] = { role, environment in
            guard environment.roles.contains(role) else { return [] }
            return [DriverSetupCheck(role: role, result: .passed("\(role.rawValue) driver"))]
        }
        let names = { (catalogue: DiagnosticCatalogue) in
            catalogue.checks(for: environment).map { "\($0.role?.rawValue ?? "kiosk") \($0.name)" }
        }
        let common = ["kiosk device profiles load", "idCardReader device present", "receiptPrinter device present"]
        let drivers = ["idCardReader driver starts", "receiptPrinter driver starts"]
        #expect(names(.kiosk(probingDeviceNodes: true, driverChecks: driverCheck)) == common + ["idCardReader device node opens", "receiptPrinter device node opens"] + drivers)
        #expect(names(.kiosk(probingDeviceNodes: false, driverChecks: driverCheck)) == common + drivers)
        #expect(DiagnosticCatalogue.kiosk(probingDeviceNodes: false, driverChecks: driverCheck).factories.suffix(5).map(\.name) == [
            "ID card reader", "receipt printer", "document printer", "banknote acceptor", "payment code scanner",
        ])
    }
}
