import DeviceKit
import Foundation
import KioskCore
import Testing

@Suite("Role assignment")
struct RoleAssignmentTests {
    let matcher: DeviceMatcher

    init() throws {
        self.matcher = DeviceMatcher(profiles: try DeviceSamples.profiles())
    }

    private func discover(_ names: String...) throws -> [DiscoveredDevice] {
        try names.map { try #require(self.matcher.discover(try DeviceSamples.node($0))) }
    }

    private func bridge(_ serial: String, port: Int) throws -> DiscoveredDevice {
        try #require(self.matcher.discover(try DeviceSamples.bridge(serial: serial, port: port, tty: "ttyUSB\(port)")))
    }

    @Test func eachKindOfDeviceFindsItsProfileAndRole() throws {
        let devices = try self.discover("idreader-ch340", "receipt-printer-usblp", "validator-nv-acm", "scanner-acm", "unknown-gps-acm")
        let assignment = RoleAssignment.assign(devices)
        #expect(assignment.holders[.idCardReader]?.match.profile.id == "test-idreader-ch340")
        #expect(assignment.holders[.receiptPrinter]?.match.profile.id == "escpos-80mm-generic")
        #expect(assignment.holders[.billValidator]?.match.profile.id == "test-validator-nv-acm")
        #expect(assignment.holders[.paymentCodeScanner]?.match.profile.id == "test-scanner-acm")
        #expect(assignment.holders[.certificatePrinter] == nil)
        #expect(assignment.unknown.map(\.usbID) == ["1546:01a7"])
        #expect(assignment.spares.isEmpty && assignment.notes.isEmpty)
        #expect(assignment.holders.values.allSatisfy { $0.reason == .bestMatch })
    }

    @Test func candidatesAreUSBNodesAndProfiledUSBDevicesOnly() throws {
        let all = try Umockdev.snapshots(Umockdev.description("idreader-ch340")) + Umockdev.snapshots(Umockdev.host)
        let candidates = all.compactMap(self.matcher.discover)
        // The tty only: not its USB interface, not the bridge's usb_device (no profile names
        // it), not the root hub.
        #expect(candidates.map(\.udev.subsystem) == ["tty"])
        let console = UdevDevice(syspath: "/sys/devices/platform/serial8250/tty/ttyS0", sysname: "ttyS0", subsystem: "tty", devnode: "/dev/ttyS0")
        #expect(self.matcher.discover(console) == nil)
    }

    @Test func aSerialPatternDecidesBetweenModelsOnOneBridge() throws {
        var scanner = try DeviceSamples.node("scanner-acm")
        #expect(self.matcher.discover(scanner)?.matches.first?.specificity == 11)
        scanner.usbAttributes["serial"] = "XX1"
        scanner.properties["ID_SERIAL_SHORT"] = "XX1"
        #expect(self.matcher.discover(scanner)?.isKnown == false)
    }

    @Test func aSubsystemOnlyProfileIsOnlyAFallback() throws {
        var profiles = try DeviceSamples.profiles()
        // A second printer profile that names the USB id: it wins over the generic one.
        var specific = try #require(profiles.first { $0.id == "escpos-80mm-generic" })
        specific.id = "pos80-0416-5011"
        specific.match = DeviceMatch(subsystem: "usbmisc", usbVendorID: "0416", usbProductID: "5011", interfaceNumber: 0, serialPattern: nil)
        profiles.append(specific)
        let discovered = try #require(DeviceMatcher(profiles: profiles).discover(try DeviceSamples.node("receipt-printer-usblp")))
        #expect(discovered.matches.map(\.profile.id) == ["pos80-0416-5011"])
    }

    @Test func twoIdenticalDevicesOneHoldsTheOtherIsAReportedSpare() throws {
        let first = try self.bridge("AL0001", port: 7)
        let second = try self.bridge("AL0009", port: 3)
        let reader = try #require(DeviceMatcher(profiles: try DeviceSamples.profiles().filter { $0.role == .idCardReader }).discover(first.udev))
        let other = try #require(DeviceMatcher(profiles: try DeviceSamples.profiles().filter { $0.role == .idCardReader }).discover(second.udev))
        for order in [[reader, other], [other, reader]] {
            let assignment = RoleAssignment.assign(order)
            #expect(assignment.holders[.idCardReader]?.device.identity == reader.identity)  // lowest identity, whatever the order
            #expect(assignment.spares.map(\.device.identity) == [other.identity])
            #expect(assignment.spares.first?.reason == "idCardReader is already filled by serial:0403:6001:AL0001")
        }
        // The incumbent keeps the role when the other one arrives.
        let kept = RoleAssignment.assign([reader, other], incumbents: [.idCardReader: other.identity])
        #expect(kept.holders[.idCardReader]?.device.identity == other.identity && kept.holders[.idCardReader]?.reason == .incumbent)
    }

    @Test func devicesOnOneBridgeChipAreAssignedInRoleOrderAndTheChoiceIsReported() throws {
        let first = try self.bridge("AL0001", port: 7)
        let second = try self.bridge("BV0002", port: 8)
        let assignment = RoleAssignment.assign([second, first])
        #expect(assignment.holders[.idCardReader]?.device.identity == first.identity)
        #expect(assignment.holders[.idCardReader]?.reason == .bestMatch)
        #expect(assignment.holders[.billValidator]?.device.identity == second.identity)
        #expect(assignment.holders[.billValidator]?.reason == .fallback)
        #expect(assignment.notes.count == 2)
        #expect(assignment.notes.allSatisfy { $0.contains("fits idCardReader and billValidator equally") })
    }

    @Test func pinnedRolesWinAndSilenceTheNote() throws {
        let first = try self.bridge("AL0001", port: 7)
        let second = try self.bridge("BV0002", port: 8)
        let pinned = [first.identity: DeviceRole.billValidator, second.identity: DeviceRole.idCardReader]
        let assignment = RoleAssignment.assign([first, second], pinned: pinned, incumbents: [.idCardReader: first.identity])
        #expect(assignment.holders[.billValidator]?.device.identity == first.identity)
        #expect(assignment.holders[.idCardReader]?.device.identity == second.identity)
        #expect(assignment.holders.values.allSatisfy { $0.reason == .pinned })
        #expect(assignment.notes.isEmpty)
    }

    @Test func aRememberedDeviceNeverFillsAnotherRole() throws {
        let validator = try self.bridge("BV0002", port: 7)
        // Alone, it would take the reader role (role order); remembered as the validator, it does not.
        #expect(RoleAssignment.assign([validator]).holders[.idCardReader]?.device.identity == validator.identity)
        let assignment = RoleAssignment.assign([validator], remembered: [validator.identity: .billValidator])
        #expect(assignment.holders[.billValidator]?.reason == .remembered)
        #expect(assignment.holders[.idCardReader] == nil)
        // A binding to a role the device does not fit is ignored.
        let reader = try #require(self.matcher.discover(try DeviceSamples.node("idreader-ch340")))
        let ignored = RoleAssignment.assign([reader], remembered: [reader.identity: .receiptPrinter])
        #expect(ignored.holders[.idCardReader]?.device.identity == reader.identity)
    }

    @Test func changesSayWhatTheDaemonMustDo() throws {
        let devices = try self.discover("idreader-ch340", "validator-nv-acm")
        let before = RoleAssignment.assign(devices).holders
        #expect(RoleChange.changes(from: [:], to: before).map(\.kind) == [.filled, .filled])
        #expect(RoleChange.changes(from: before, to: before).isEmpty)
        var after = before
        after[.billValidator] = nil
        #expect(RoleChange.changes(from: before, to: after).map { "\($0.role.rawValue) \($0.kind.rawValue)" } == ["billValidator vacated"])
        var moved = before
        moved[.idCardReader]?.device.udev.devnode = "/dev/ttyUSB7"
        #expect(RoleChange.changes(from: before, to: moved).map(\.kind) == [.moved])
        var replaced = before
        replaced[.idCardReader]?.device.identity = DeviceIdentity(kind: .serialNumber, value: "1a86:7523:OTHER")
        #expect(RoleChange.changes(from: before, to: replaced).map(\.kind) == [.replaced])
    }
}
