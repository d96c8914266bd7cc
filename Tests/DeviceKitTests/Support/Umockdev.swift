import DeviceKit
import Foundation
import KioskTestSupport

/// Paths and helpers for the tests that run `onetrip` inside a umockdev testbed.
enum Umockdev {
    /// `Tests/Fixtures/umockdev`.
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/umockdev")

    /// A device description in the fixtures.
    static func description(_ name: String) -> String {
        self.fixtures.appendingPathComponent("\(name).umockdev").path
    }

    /// The USB host controller every fixture device hangs off.
    static var host: String { self.description("xhci-host") }

    /// The `onetrip` binary built next to this test binary.
    static var onetrip: String {
        get throws {
            let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            let binary = directory.appendingPathComponent("onetrip").path
            guard FileManager.default.isExecutableFile(atPath: binary) else {
                throw ChildProcessError(message: "\(binary) is missing: build everything first (swift build --build-tests)")
            }
            return binary
        }
    }

    /// A profile directory with the fixture profiles and the shipped generic ESC/POS printer.
    static func profileDirectory() throws -> URL {
        let directory = try Fixtures.temporaryDirectory("umockdev-profiles")
        let sources = try FileManager.default.contentsOfDirectory(at: self.fixtures.appendingPathComponent("profiles"), includingPropertiesForKeys: nil)
            + [Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles/escpos-80mm-generic.yaml")]
        for source in sources where source.pathExtension == "yaml" {
            try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(source.lastPathComponent))
        }
        return directory
    }

    /// An FT232R bridge with a serial number at a USB port, written from the template.
    static func bridge(serial: String, port: Int, tty: String, into directory: URL) throws -> String {
        let template = try String(contentsOf: self.fixtures.appendingPathComponent("bridge-ft232r.umockdev.template"), encoding: .utf8)
        let text = template.replacingOccurrences(of: "{PORT}", with: "\(port)").replacingOccurrences(of: "{TTY}", with: tty)
            .replacingOccurrences(of: "{SERIAL}", with: serial).replacingOccurrences(of: "{MINOR}", with: String(tty.filter(\.isNumber)))
            .replacingOccurrences(of: "{DEVNUM}", with: String(format: "%03d", port + 10))
        let url = directory.appendingPathComponent("ft232r-\(serial)-port\(port).umockdev")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A fixture with its tty renamed: libumockdev 0.17 keeps a removed tty's PTY, so a device
    /// plugged in again needs a node name not used before in the testbed (as the kernel often
    /// hands out a new number anyway when the old node is still held open).
    static func renamingTTY(_ name: String, from old: String, to new: String, into directory: URL) throws -> String {
        let text = try String(contentsOfFile: self.description(name), encoding: .utf8)
        let oldMinor = String(old.filter(\.isNumber))
        let newMinor = String(new.filter(\.isNumber))
        let renamed = text.replacingOccurrences(of: old, with: new).replacingOccurrences(of: "MINOR=\(oldMinor)\n", with: "MINOR=\(newMinor)\n")
            .replacingOccurrences(of: ":\(oldMinor)\\n", with: ":\(newMinor)\\n")
        let url = directory.appendingPathComponent("\(name)-\(new).umockdev")
        try renamed.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The sysfs path of the USB device at a port of the fixture host.
    static func usbDevicePath(port: Int) -> String { "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-\(port)" }

    /// Reads a `.umockdev` description into snapshots, the way libudev would present each
    /// device (properties; USB attributes from the `usb_device` ancestor; interface number).
    static func snapshots(_ path: String) throws -> [UdevDevice] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        struct Record { var path = ""; var name: String?; var properties: [String: String] = [:]; var attributes: [String: String] = [:] }
        var records: [Record] = []
        for block in text.components(separatedBy: "\n\n") where !block.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            var record = Record()
            for line in block.split(separator: "\n") {
                let value = String(line.dropFirst(3))
                switch line.prefix(3) {
                case "P: ": record.path = value
                case "N: ": record.name = value
                case "E: ":
                    let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                    record.properties[parts[0]] = parts.count > 1 ? parts[1] : ""
                case "A: ":
                    let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                    record.attributes[parts[0]] = (parts.count > 1 ? parts[1] : "").replacingOccurrences(of: "\\n", with: "").trimmingCharacters(in: .whitespaces)
                default: break
                }
            }
            records.append(record)
        }
        return records.map { record in
            let ancestors = records.filter { record.path.hasPrefix($0.path + "/") || $0.path == record.path }.sorted { $0.path.count > $1.path.count }
            let usb = ancestors.first { $0.properties["DEVTYPE"] == "usb_device" }
            let interface = ancestors.first { $0.properties["DEVTYPE"] == "usb_interface" }
            return UdevDevice(
                syspath: "/sys" + record.path, sysname: String(record.path.split(separator: "/").last ?? ""),
                subsystem: record.properties["SUBSYSTEM"] ?? "", devtype: record.properties["DEVTYPE"],
                devnode: record.name.map { "/dev/\($0)" }, properties: record.properties, usbAttributes: usb?.attributes ?? [:],
                usbInterfaceNumber: interface?.attributes["bInterfaceNumber"])
        }
    }
}
