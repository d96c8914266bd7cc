import DeviceKit
import Foundation
import KioskTestSupport
import Testing

@Suite("Device profiles")
struct DeviceProfileTests {
    @Test func everyShippedProfileLoads() throws {
        let library = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))
        #expect(library.errors.isEmpty, "\(library.errors)")
        #expect(!library.profiles.isEmpty)
        let printer = try #require(library["escpos-80mm-generic"])
        guard case .receiptPrinter(let capabilities) = printer.capabilities else {
            Issue.record("not a receipt printer")
            return
        }
        #expect(capabilities.dotsPerLine == 576)
        #expect(printer.timeout("statusQuery", default: .seconds(9)) == .milliseconds(500))
    }

    static let valid = """
        model: Test reader
        vendor: Test
        role: idCardReader
        match:
          subsystem: tty
          usbVendorID: "1a86"
          usbProductID: "7523"
        transport:
          kind: serial
          baudRate: 115200
        protocol: sam
        capabilities:
          pollInterval: 150ms
        timeouts:
          command: 500ms
        """

    @Test func aValidProfileDecodesEveryField() throws {
        let profile = try DeviceProfile(yaml: Self.valid, file: "DeviceProfiles/test-reader.yaml")
        #expect(profile.id == "test-reader")
        #expect(profile.transport == .serial(baudRate: 115_200))
        #expect(profile.match.usbVendorID == "1a86")
        #expect(profile.capabilities == .idCardReader(IDCardReaderCapabilities(pollInterval: .milliseconds(150), readsFingerprints: false, readsAppendedAddress: true)))
        let device = UdevDevice(syspath: "/sys/x", sysname: "ttyUSB0", subsystem: "tty", usbAttributes: ["idVendor": "1a86", "idProduct": "7523"])
        #expect(profile.match.matches(device))
        var other = device
        other.usbAttributes["idProduct"] = "7522"
        #expect(!profile.match.matches(other))
    }

    @Test(arguments: [
        ("  baudRate: 115200", "  baudRate: 115201", "f.yaml:10: transport.baudRate: 115201 is not a standard rate"),
        ("  baudRate: 115200", "  baudrate: 115200", "f.yaml:10: transport.baudrate: unknown key"),
        ("role: idCardReader", "role: scanner", "f.yaml:3: role: 'scanner' is not one of"),
        ("protocol: sam", "protocol: escpos", "f.yaml:11: protocol: a idCardReader speaks sam, not escpos"),
        ("  usbVendorID: \"1a86\"", "  usbVendorID: \"1a8\"", "f.yaml:6: match.usbVendorID: '1a8' is not four hex digits"),
        ("  pollInterval: 150ms", "  pollInterval: fast", "f.yaml:13: capabilities.pollInterval: 'fast' is not a duration"),
        ("  pollInterval: 150ms", "  pollInterval: 5s", "f.yaml:13: capabilities.pollInterval: must be between 20ms and 1s"),
        ("model: Test reader\n", "", "f.yaml:1: model: required key is missing"),
        ("  command: 500ms", "  command: [1, 2]", "f.yaml:15: timeouts.command: expected a single value, found a list"),
        ("transport:", "transport: [", "f.yaml:"),
    ])
    func brokenProfilesPointAtFileLineAndKey(original: String, replacement: String, expected: String) {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try DeviceProfile(yaml: yaml, file: "f.yaml")
            Issue.record("accepted: \(replacement)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func aBrokenFileDoesNotStopTheOthers() throws {
        let directory = try Fixtures.temporaryDirectory("profiles")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.valid.write(to: directory.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        try "model: [unclosed".write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00]).write(to: directory.appendingPathComponent("binary.yaml"))
        let library = DeviceProfileLibrary.load(directory: directory)
        #expect(library.profiles.map(\.id) == ["good"])
        #expect(library.errors.count == 2)
        #expect(library.errors.contains { $0.file == "DeviceProfiles/bad.yaml" && $0.message.contains("not valid YAML") })
        #expect(library.errors.contains { $0.file == "DeviceProfiles/binary.yaml" })
    }
}
