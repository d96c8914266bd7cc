import ArgumentParser
import DeviceKit
import Foundation
import KioskCore
import Logging

/// Options shared by `onetrip devices` and `onetrip diag`: where the profiles are and which
/// devices a technician pinned to roles.
struct DeviceCommandOptions: ParsableArguments {
    @Option(name: .long, help: "The device profile directory (default: DeviceProfiles).")
    var profiles: String?

    /// The profile directory to read.
    var profileDirectory: String { self.profiles ?? "DeviceProfiles" }

    @Option(
        name: .customLong("bind"),
        help: ArgumentHelp("Pin a device to a role (repeatable), for devices that share a USB-serial bridge.", valueName: "identity=role"))
    var bindings: [String] = []

    @Flag(name: .long, help: "Log discovery details (every device looked at).")
    var verbose = false

    /// The pinned roles, parsed.
    func pinned() throws -> [DeviceIdentity: DeviceRole] {
        var result: [DeviceIdentity: DeviceRole] = [:]
        for binding in self.bindings {
            guard let equals = binding.lastIndex(of: "="), let identity = DeviceIdentity(parsing: String(binding[..<equals])),
                let role = DeviceRole(rawValue: String(binding[binding.index(after: equals)...]))
            else {
                let roles = DeviceRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--bind '\(binding)' is not IDENTITY=ROLE (identity as onetrip devices shows it, role one of \(roles))")
            }
            result[identity] = role
        }
        return result
    }

    /// The profiles; broken ones are reported on stderr and skipped.
    func loadProfiles(logger: Logger) -> DeviceProfileLibrary {
        let library = DeviceProfileLibrary.load(directory: URL(fileURLWithPath: self.profileDirectory))
        for error in library.errors { logger.error("broken device profile: \(error)") }
        return library
    }

    /// A logger writing to stderr.
    func makeLogger() -> Logger {
        var logger = Logger(label: "onetrip.devices") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = self.verbose ? .debug : .info
        return logger
    }

    /// A registry filled from a udev scan of the devices present.
    func scan(logger: Logger) async throws -> (DeviceRegistry, DeviceRegistryUpdate, DeviceProfileLibrary) {
        let library = self.loadProfiles(logger: logger)
        let registry = DeviceRegistry(profiles: library.profiles, pinned: try self.pinned(), logger: logger)
        let update = try await registry.rescan()
        return (registry, update, library)
    }
}

extension DeviceRole: ExpressibleByArgument {}
extension DiagnosticLevel: ExpressibleByArgument {}

/// Writes a line to stdout at once (unbuffered), so a watcher reading a pipe sees each event.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// One-line JSON with sorted keys.
func jsonLine(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
