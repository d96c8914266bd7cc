import DeviceKit
import Foundation
import KioskCore

/// Profiles and udev snapshots for the pure discovery tests, built from the same recorded
/// device descriptions and test profiles the umockdev tests load.
enum DeviceSamples {
    /// The test profiles plus the shipped generic ESC/POS printer.
    static func profiles() throws -> [DeviceProfile] {
        let directory = try Umockdev.profileDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = DeviceProfileLibrary.load(directory: directory)
        guard library.errors.isEmpty else { throw ChildProcessError(message: "\(library.errors)") }
        return library.profiles
    }

    /// The device of a recorded description that discovery looks at (its tty or lp node).
    static func node(_ description: String) throws -> UdevDevice {
        try self.node(path: Umockdev.description(description))
    }

    /// The node device of a description file.
    static func node(path: String) throws -> UdevDevice {
        let devices = try Umockdev.snapshots(path)
        guard let node = devices.first(where: { $0.subsystem == "tty" || $0.subsystem == "usbmisc" }) else {
            throw ChildProcessError(message: "no tty or usbmisc device in \(path)")
        }
        return node
    }

    /// An FT232R bridge with a serial number at a port.
    static func bridge(serial: String, port: Int, tty: String) throws -> UdevDevice {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try self.node(path: Umockdev.bridge(serial: serial, port: port, tty: tty, into: directory))
    }
}
