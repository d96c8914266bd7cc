import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Hot-plug under umockdev: `onetrip devices --watch --json` runs inside a testbed that
/// `Tests/Fixtures/umockdev/testbed.py` (libumockdev through its GObject bindings) plugs devices
/// into and pulls them out of, sending the uevents the kernel and udevd would. The watcher's
/// registry hears them through the real libudev monitor socket.
@Suite("Hot-plug under umockdev")
struct UmockdevHotPlugTests {
    /// The watcher inside its testbed.
    final class Watcher: Sendable {
        let child: ChildProcess

        init(profiles: URL) async throws {
            self.child = try ChildProcess(
                "/usr/bin/umockdev-wrapper",
                [
                    "/usr/bin/python3", Umockdev.fixtures.appendingPathComponent("testbed.py").path, Umockdev.host, "--", try Umockdev.onetrip,
                    "devices", "--watch", "--json", "--profiles", profiles.path,
                ])
            let first = try await self.nextRecord()
            #expect(first.action == "scan")
        }

        /// Sends a testbed command and waits for its acknowledgement.
        func command(_ line: String) async throws {
            try self.child.send(line)
            let answer = try await self.child.nextLine { $0 == "ok \(line)" || $0.hasPrefix("error \(line)") || $0.hasPrefix("exit ") }
            #expect(answer == "ok \(line)")
        }

        /// The next update the watcher printed.
        func nextRecord() async throws -> DeviceRegistryUpdate.Record {
            let line = try await self.child.nextLine { $0.hasPrefix("out ") }
            return try JSONDecoder().decode(DeviceRegistryUpdate.Record.self, from: Data(line.dropFirst(4).utf8))
        }

        /// The next update about a device node.
        func nextRecord(for node: String) async throws -> DeviceRegistryUpdate.Record {
            while true {
                let record = try await self.nextRecord()
                if record.deviceNode == node { return record }
            }
        }

        /// Everything the watcher logged so far.
        var log: [String] { self.child.lines.filter { $0.hasPrefix("err ") } }

        func stop() {
            try? self.child.send("quit")
            self.child.stop()
        }
    }

    @Test func addAndRemoveReachTheRegistryAndUnknownDevicesAreIgnoredWithALogLine() async throws {
        let profiles = try Umockdev.profileDirectory()
        let descriptions = try Fixtures.temporaryDirectory("umockdev-replug")
        defer {
            try? FileManager.default.removeItem(at: profiles)
            try? FileManager.default.removeItem(at: descriptions)
        }
        let watcher = try await Watcher(profiles: profiles)
        defer { watcher.stop() }

        try await watcher.command("add \(Umockdev.description("idreader-ch340"))")
        let added = try await watcher.nextRecord(for: "/dev/ttyUSB0")
        #expect(added.action == "add" && added.outcome == "holds" && added.role == .idCardReader)
        #expect(added.changes.map(\.kind) == [.filled])
        #expect(added.changes.first?.profile == "test-idreader-ch340")
        #expect(added.holders["idCardReader"]?.kind == .physicalPort)

        try await watcher.command("add \(Umockdev.description("unknown-gps-acm"))")
        let unknown = try await watcher.nextRecord(for: "/dev/ttyACM2")
        #expect(unknown.outcome == "unknown" && unknown.changes.isEmpty)
        #expect(unknown.holders.keys.sorted() == ["idCardReader"])
        let logLine = try await watcher.child.nextLine { $0.hasPrefix("err ") && $0.contains("ignoring unknown device") }
        #expect(logLine.contains("ignoring unknown device tty /dev/ttyACM2 (usb 1546:01a7, u-blox 7"), "\(logLine)")

        try await watcher.command("add \(Umockdev.description("validator-nv-acm"))")
        let validator = try await watcher.nextRecord(for: "/dev/ttyACM0")
        #expect(validator.outcome == "holds" && validator.role == .billValidator)

        try await watcher.command("remove \(Umockdev.usbDevicePath(port: 2))")
        let removed = try await watcher.nextRecord(for: "/dev/ttyUSB0")
        #expect(removed.action == "remove" && removed.outcome == "left")
        #expect(removed.changes.map(\.kind) == [.vacated] && removed.changes.first?.role == .idCardReader)
        #expect(removed.holders.keys.sorted() == ["billValidator"])

        try await watcher.command("remove \(Umockdev.usbDevicePath(port: 6))")
        let gone = try await watcher.nextRecord(for: "/dev/ttyACM2")
        #expect(gone.outcome == "left" && gone.changes.isEmpty)

        // Plugged in again (into the same socket, so with the same port identity): the role is filled again.
        let again = try Umockdev.renamingTTY("idreader-ch340", from: "ttyUSB0", to: "ttyUSB5", into: descriptions)
        try await watcher.command("add \(again)")
        let back = try await watcher.nextRecord(for: "/dev/ttyUSB5")
        #expect(back.changes.map(\.kind) == [.filled] && back.role == .idCardReader && back.identity == added.identity)
    }

    /// Two devices on the same FT232R bridge chip (0403:6001) fit both the reader and the
    /// validator profile. Pulled out and plugged back into other sockets, one at a time, each
    /// gets its own role back by its serial number, even on the other's old port and node.
    @Test func aKnownDeviceOnANewPortKeepsItsRole() async throws {
        let profiles = try Umockdev.profileDirectory()
        let descriptions = try Fixtures.temporaryDirectory("umockdev-bridges")
        defer {
            try? FileManager.default.removeItem(at: profiles)
            try? FileManager.default.removeItem(at: descriptions)
        }
        let reader = DeviceIdentity(kind: .serialNumber, value: "0403:6001:AL0001")
        let validator = DeviceIdentity(kind: .serialNumber, value: "0403:6001:BV0002")
        let watcher = try await Watcher(profiles: profiles)
        defer { watcher.stop() }

        try await watcher.command("add \(try Umockdev.bridge(serial: "AL0001", port: 7, tty: "ttyUSB1", into: descriptions))")
        var record = try await watcher.nextRecord(for: "/dev/ttyUSB1")
        #expect(record.identity == reader && record.role == .idCardReader)
        try await watcher.command("add \(try Umockdev.bridge(serial: "BV0002", port: 8, tty: "ttyUSB2", into: descriptions))")
        record = try await watcher.nextRecord(for: "/dev/ttyUSB2")
        #expect(record.identity == validator && record.role == .billValidator)

        // Both pulled out; the validator is unplugged second and keeps nothing.
        try await watcher.command("remove \(Umockdev.usbDevicePath(port: 7))")
        record = try await watcher.nextRecord(for: "/dev/ttyUSB1")
        #expect(record.changes.map(\.role) == [.idCardReader] && record.holders == ["billValidator": validator])
        try await watcher.command("remove \(Umockdev.usbDevicePath(port: 8))")
        record = try await watcher.nextRecord(for: "/dev/ttyUSB2")
        #expect(record.holders.isEmpty)

        // The validator comes back first, in the reader's old socket: alone, it would fit the
        // reader role first; its serial number says it is the validator.
        try await watcher.command("add \(try Umockdev.bridge(serial: "BV0002", port: 7, tty: "ttyUSB4", into: descriptions))")
        record = try await watcher.nextRecord(for: "/dev/ttyUSB4")
        #expect(record.identity == validator && record.outcome == "holds" && record.role == .billValidator)
        #expect(record.holders == ["billValidator": validator])

        // The reader comes back in a third socket: its role again, on its new node.
        try await watcher.command("add \(try Umockdev.bridge(serial: "AL0001", port: 9, tty: "ttyUSB3", into: descriptions))")
        record = try await watcher.nextRecord(for: "/dev/ttyUSB3")
        #expect(record.identity == reader && record.role == .idCardReader)
        #expect(record.changes.map(\.kind) == [.filled] && record.changes.first?.deviceNode == "/dev/ttyUSB3")
        #expect(record.holders == ["billValidator": validator, "idCardReader": reader])
        #expect(watcher.log.contains { $0.contains("fits idCardReader and billValidator equally") }, "\(watcher.log)")
    }
}
