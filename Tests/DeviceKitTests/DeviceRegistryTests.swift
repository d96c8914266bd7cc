import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("Device registry")
struct DeviceRegistryTests {
    private func makeRegistry(pinned: [DeviceIdentity: DeviceRole] = [:]) throws -> (DeviceRegistry, LogRecorder) {
        let recorder = LogRecorder()
        return (DeviceRegistry(profiles: try DeviceSamples.profiles(), pinned: pinned, logger: recorder.logger()), recorder)
    }

    @Test func aScanFillsRolesAndLogsUnknownDevices() async throws {
        let (registry, log) = try self.makeRegistry()
        let devices = try ["idreader-ch340", "unknown-gps-acm"].flatMap { try Umockdev.snapshots(Umockdev.description($0)) }
        let update = await registry.replaceAll(with: devices)
        #expect(update.changes.map(\.kind) == [.filled])
        #expect(await registry.holder(of: .idCardReader)?.device.deviceNode == "/dev/ttyUSB0")
        #expect(log.messages(atLeast: .notice).contains { $0.hasPrefix("ignoring unknown device tty /dev/ttyACM2 (usb 1546:01a7") })
        #expect(update.record.action == "scan" && update.record.holders.keys.sorted() == ["idCardReader"])
    }

    @Test func hotPlugEventsAreAppliedAndPublished() async throws {
        let (registry, log) = try self.makeRegistry()
        await registry.replaceAll(with: [])
        let updates = await registry.updates()
        let reader = try DeviceSamples.node("idreader-ch340")
        let gps = try DeviceSamples.node("unknown-gps-acm")

        #expect(await registry.apply(UdevEvent(action: .add, device: reader))?.changes.map(\.kind) == [.filled])
        let unknown = try #require(await registry.apply(UdevEvent(action: .add, device: gps)))
        #expect(unknown.changes.isEmpty && unknown.record.outcome == "unknown")
        #expect(log.messages(atLeast: .notice).filter { $0.contains("ignoring unknown device") }.count == 1)
        // A change event for the same unknown device is not logged again.
        _ = await registry.apply(UdevEvent(action: .change, device: gps))
        #expect(log.messages(atLeast: .notice).filter { $0.contains("ignoring unknown device") }.count == 1)

        // Events about things discovery does not look at are not updates.
        let interface = try #require(try Umockdev.snapshots(Umockdev.description("idreader-ch340")).first { $0.devtype == "usb_interface" })
        #expect(await registry.apply(UdevEvent(action: .add, device: interface)) == nil)
        #expect(await registry.apply(UdevEvent(action: .remove, device: interface)) == nil)

        // A remove carries only what the event said: no USB attributes of the gone parent.
        var gone = reader
        gone.usbAttributes = [:]
        let removed = try #require(await registry.apply(UdevEvent(action: .remove, device: gone)))
        #expect(removed.changes.map(\.kind) == [.vacated] && removed.record.outcome == "left")
        #expect(await registry.holder(of: .idCardReader) == nil)

        var received: [String] = []
        for await update in updates {
            received.append(update.record.action + " " + (update.record.outcome ?? "-"))
            if received.count == 4 { break }
        }
        #expect(received == ["add holds", "add unknown", "change unknown", "remove left"])
    }

    @Test func aDeviceSeenElsewhereLeftItsOldPlaceEvenIfTheRemoveWasLost() async throws {
        let (registry, _) = try self.makeRegistry()
        var here = try DeviceSamples.bridge(serial: "AL0001", port: 7, tty: "ttyUSB1")
        let there = try DeviceSamples.bridge(serial: "AL0001", port: 9, tty: "ttyUSB3")
        here.syspath = "/nonexistent/devices/1-7/1-7:1.0/ttyUSB1/tty/ttyUSB1"  // gone from sysfs
        await registry.replaceAll(with: [here])
        let update = try #require(await registry.apply(UdevEvent(action: .add, device: there)))
        #expect(update.changes.map(\.kind) == [.moved])
        #expect(update.changes.first?.previous?.device.deviceNode == "/dev/ttyUSB1")
        #expect(update.changes.first?.current?.device.deviceNode == "/dev/ttyUSB3")
        #expect(await registry.assignment.spares.isEmpty)
    }

    @Test func twoDevicesWithOneSerialNumberAreToldApartByPort() async throws {
        // Both still in sysfs (directories stand in for their sysfs entries): not a lost remove.
        let sysfs = try Fixtures.temporaryDirectory("sysfs")
        defer { try? FileManager.default.removeItem(at: sysfs) }
        var devices: [UdevDevice] = []
        for port in [7, 8] {
            var device = try DeviceSamples.bridge(serial: "0001", port: port, tty: "ttyUSB\(port)")
            device.syspath = sysfs.appendingPathComponent("devices/1-\(port)/ttyUSB\(port)").path
            try FileManager.default.createDirectory(atPath: device.syspath, withIntermediateDirectories: true)
            devices.append(device)
        }
        let (registry, log) = try self.makeRegistry()
        await registry.replaceAll(with: [devices[0]])
        let update = try #require(await registry.apply(UdevEvent(action: .add, device: devices[1])))
        #expect(update.assignment.holders.count == 2)
        #expect(Set(update.assignment.holders.values.map(\.device.identity.kind)) == [.physicalPort])
        #expect(log.messages(atLeast: .warning).contains { $0.hasPrefix("two devices report serial:0403:6001:0001") })
    }

    @Test func aReplugKeepsTheRoleByMemory() async throws {
        let (registry, _) = try self.makeRegistry()
        let reader = try DeviceSamples.bridge(serial: "AL0001", port: 7, tty: "ttyUSB1")
        let validator = try DeviceSamples.bridge(serial: "BV0002", port: 8, tty: "ttyUSB2")
        await registry.replaceAll(with: [reader, validator])
        #expect(await registry.holder(of: .billValidator)?.device.identity.description == "serial:0403:6001:BV0002")
        _ = await registry.apply(UdevEvent(action: .remove, device: reader))
        _ = await registry.apply(UdevEvent(action: .remove, device: validator))
        let back = try DeviceSamples.bridge(serial: "BV0002", port: 7, tty: "ttyUSB1")
        let update = try #require(await registry.apply(UdevEvent(action: .add, device: back)))
        #expect(update.changes.map(\.role) == [.billValidator])
        #expect(await registry.rememberedRoles.count == 2)
    }

    @Test func pinnedRolesComeFromTheConstructor() async throws {
        let validator = try DeviceSamples.bridge(serial: "BV0002", port: 8, tty: "ttyUSB2")
        let (registry, _) = try self.makeRegistry(pinned: [DeviceIdentity(of: validator): .billValidator])
        await registry.replaceAll(with: [validator])
        #expect(await registry.holder(of: .billValidator)?.reason == .pinned)
        #expect(await registry.holder(of: .idCardReader) == nil)
    }
}
