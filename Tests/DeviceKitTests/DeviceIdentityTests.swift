import DeviceKit
import Foundation
import Testing

@Suite("Device identity")
struct DeviceIdentityTests {
    @Test func aSerialNumberNamesTheDeviceWhereverItIsPlugged() throws {
        let here = try DeviceSamples.bridge(serial: "AL0001", port: 7, tty: "ttyUSB1")
        let there = try DeviceSamples.bridge(serial: "AL0001", port: 9, tty: "ttyUSB3")
        #expect(DeviceIdentity(of: here) == DeviceIdentity(kind: .serialNumber, value: "0403:6001:AL0001"))
        #expect(DeviceIdentity(of: here) == DeviceIdentity(of: there))
        #expect(DeviceIdentity(of: try DeviceSamples.bridge(serial: "AL0002", port: 7, tty: "ttyUSB1")) != DeviceIdentity(of: here))
    }

    @Test func withoutASerialNumberThePortNamesIt() throws {
        let reader = try DeviceSamples.node("idreader-ch340")
        #expect(DeviceIdentity(of: reader).description == "port:1a86:7523:pci-0000:00:14.0-usb-0:2:1.0")
        // Without ID_PATH (USB printer nodes get none), the kernel's port name from sysfs.
        let printer = try DeviceSamples.node("receipt-printer-usblp")
        var bare = printer
        bare.usbAttributes["serial"] = nil
        bare.properties["ID_SERIAL_SHORT"] = nil
        #expect(DeviceIdentity(of: bare).description == "port:0416:5011:usb-1-3:1.0")
    }

    @Test func theSecondPortOfAMultiPortBridgeIsItsOwnDevice() {
        var port = UdevDevice(
            syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.1/ttyUSB1/tty/ttyUSB1", sysname: "ttyUSB1", subsystem: "tty",
            usbAttributes: ["idVendor": "0403", "idProduct": "6010", "serial": "FT4XYZ"], usbInterfaceNumber: "01")
        #expect(DeviceIdentity(of: port).description == "serial:0403:6010:FT4XYZ:if01")
        port.usbInterfaceNumber = "00"
        #expect(DeviceIdentity(of: port).description == "serial:0403:6010:FT4XYZ")
    }

    @Test func offUSBTheSysfsPathIsAllThereIs() {
        let console = UdevDevice(syspath: "/sys/devices/platform/serial8250/tty/ttyS0", sysname: "ttyS0", subsystem: "tty")
        #expect(DeviceIdentity(of: console).description == "sys:/devices/platform/serial8250/tty/ttyS0")
    }

    @Test(arguments: ["serial:0403:6001:AL0001", "port:1a86:7523:pci-0000:00:14.0-usb-0:2:1.0", "sys:/devices/x"])
    func identitiesRoundTripThroughTextAndJSON(text: String) throws {
        let identity = try #require(DeviceIdentity(parsing: text))
        #expect(identity.description == text)
        let data = try JSONEncoder().encode([identity])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(text.replacingOccurrences(of: "/", with: "\\/"))\"]")
        #expect(try JSONDecoder().decode([DeviceIdentity].self, from: data) == [identity])
    }

    @Test(arguments: ["", "serial", "serial:", "usb:1234", "Serial:x"])
    func malformedIdentitiesAreRejected(text: String) {
        #expect(DeviceIdentity(parsing: text) == nil)
    }

    @Test func serialNumbersSortBeforePortsBeforeSysfsPaths() throws {
        let identities = ["sys:/a", "port:b", "serial:z", "serial:a"].compactMap(DeviceIdentity.init(parsing:))
        #expect(identities.sorted().map(\.description) == ["serial:a", "serial:z", "port:b", "sys:/a"])
    }
}
