import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// `onetrip devices` and `onetrip diag` run inside umockdev testbeds built from recorded
/// device descriptions (Tests/Fixtures/umockdev): real libudev, real sysfs layout, real
/// device nodes (PTY-backed ttys), no hardware.
@Suite("Discovery under umockdev")
struct UmockdevDiscoveryTests {
    static let everyKind = ["idreader-ch340", "receipt-printer-usblp", "validator-nv-acm", "scanner-acm", "unknown-gps-acm"]

    private func run(_ descriptions: [String], _ arguments: [String], profiles: URL) async throws -> (Int32, String, String) {
        var umockdevArguments: [String] = ["--device", Umockdev.host]
        for name in descriptions { umockdevArguments += ["--device", Umockdev.description(name)] }
        let child = try ChildProcess("/usr/bin/umockdev-run", umockdevArguments + ["--", try Umockdev.onetrip] + arguments + ["--profiles", profiles.path])
        defer { child.stop() }
        let status = try await child.finish()
        return (status, child.standardOutput, child.standardError)
    }

    @Test func everyKindOfDeviceIsFoundMatchedAndGivenItsRole() async throws {
        let profiles = try Umockdev.profileDirectory()
        defer { try? FileManager.default.removeItem(at: profiles) }
        let (status, output, errors) = try await self.run(Self.everyKind, ["devices", "--json"], profiles: profiles)
        #expect(status == 0, "\(errors)")
        let listing = try JSONDecoder().decode(DeviceListing.self, from: Data(output.utf8))
        let byNode = Dictionary(uniqueKeysWithValues: listing.devices.compactMap { device in device.deviceNode.map { ($0, device) } })

        let reader = try #require(byNode["/dev/ttyUSB0"])
        #expect(reader.state == .holds && reader.role == .idCardReader && reader.profile == "test-idreader-ch340")
        // A CH340 has no serial number: its identity is the physical port.
        #expect(reader.identity == DeviceIdentity(kind: .physicalPort, value: "1a86:7523:pci-0000:00:14.0-usb-0:2:1.0"))
        #expect(reader.status == "not checked")

        let printer = try #require(byNode["/dev/usb/lp0"])
        #expect(printer.state == .holds && printer.role == .receiptPrinter && printer.profile == "escpos-80mm-generic")
        #expect(printer.subsystem == "usbmisc" && printer.usbID == "0416:5011")

        let validator = try #require(byNode["/dev/ttyACM0"])
        #expect(validator.role == .billValidator && validator.profile == "test-validator-nv-acm")

        let scanner = try #require(byNode["/dev/ttyACM1"])
        #expect(scanner.role == .paymentCodeScanner && scanner.identity.description == "serial:1eab:1d06:SC20240001")

        let gps = try #require(byNode["/dev/ttyACM2"])
        #expect(gps.state == .unknown && gps.role == nil && gps.status == "ignored")
        #expect(errors.contains("ignoring unknown device tty /dev/ttyACM2 (usb 1546:01a7"), "\(errors)")
        // Known devices are not reported as unknown, and the USB devices behind them are not listed.
        #expect(!errors.contains("ignoring unknown device tty /dev/ttyUSB0"))
        #expect(listing.devices.count == 5)
        #expect(listing.endpoints.isEmpty)
    }

    @Test func aTableIsPrintedWithoutJSON() async throws {
        let profiles = try Umockdev.profileDirectory()
        defer { try? FileManager.default.removeItem(at: profiles) }
        let (status, output, _) = try await self.run(["idreader-ch340", "unknown-gps-acm"], ["devices"], profiles: profiles)
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ROLE") == true)
        #expect(lines.contains { $0.hasPrefix("idCardReader") && $0.contains("/dev/ttyUSB0") && $0.contains("test-idreader-ch340") })
        #expect(lines.contains { $0.contains("unknown") && $0.contains("/dev/ttyACM2") && $0.contains("ignored") })
        #expect(lines.contains { $0.hasPrefix("No device for:") && $0.contains("billValidator") })
    }

    @Test func diagPassesForPresentDevicesAndFailsWithRemediationForAMissingOne() async throws {
        let profiles = try Umockdev.profileDirectory()
        defer { try? FileManager.default.removeItem(at: profiles) }
        let (status, output, errors) = try await self.run(
            ["idreader-ch340"], ["diag", "--json", "--role", "idCardReader", "--role", "billValidator"], profiles: profiles)
        #expect(status == 1, "\(errors)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let report = try decoder.decode(DiagnosticReport.self, from: Data(output.utf8))
        let reader = report.entries.filter { $0.role == .idCardReader }
        #expect(reader.map(\.check) == ["device present", "device node opens", "SAM status and ID"])
        #expect(reader.prefix(2).allSatisfy { $0.result.verdict == .passed }, "\(reader)")
        // The umockdev tty is a real PTY: the node opened at the profile's 115200 baud.
        #expect(reader[1].result.details["baud"] == "115200")
        // But no reader is behind it: the driver's own check fails and says what to do.
        #expect(reader[2].result.verdict == .failed && !reader[2].result.faults.isEmpty, "\(reader[2])")
        let validator = try #require(report.entries.first { $0.role == .billValidator })
        #expect(validator.result.verdict == .failed && validator.result.availability == .powerOff)
        #expect(validator.result.faults.map(\.code) == ["not-connected"])
        #expect(validator.result.faults.first?.remediation.action == .clear)
        #expect(report.exitCode == 1)
    }

    @Test func diagExitsZeroWhenNothingAskedForFails() async throws {
        let profiles = try Umockdev.profileDirectory()
        defer { try? FileManager.default.removeItem(at: profiles) }
        // The validator's driver checks need the kiosk's cash-in ledger, so without one they are
        // skipped (said in the table), and a skipped check is not a failure.
        let (status, output, errors) = try await self.run(Self.everyKind, ["diag", "--role", "billValidator"], profiles: profiles)
        #expect(status == 0, "\(output)\n\(errors)")
        #expect(output.contains("4 checks: 3 passed, 0 failed, 1 skipped"), "\(output)")
    }
}
