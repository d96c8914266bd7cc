import ArgumentParser
import ControlAPI
import Foundation
import Journal
import OneTripConfiguration

/// `--config`: where the kiosk configuration is, for the socket, the database and the citizen
/// key file. Read only when a command needs something the other options do not give.
struct ConfigFileOption: ParsableArguments {
    /// The default configuration file.
    static let defaultPath = "/etc/onetrip/onetrip.toml"

    @Option(name: .long, help: ArgumentHelp("The kiosk configuration file (default: \(Self.defaultPath)).", valueName: "path"))
    var config: String?

    /// The configuration, or `nil` when no `--config` was given and the default file does not
    /// exist (commands then use their defaults or their overrides).
    /// - Throws: ``OperatorError`` for a file given that cannot be read, or any invalid file.
    func loadIfPresent() throws -> KioskConfiguration? {
        let path = self.config ?? Self.defaultPath
        if self.config == nil, !FileManager.default.fileExists(atPath: path) { return nil }
        do {
            return try KioskConfiguration.load(path: path)
        } catch {
            throw OperatorError("configuration: \(error)")
        }
    }

    /// The configuration, which must exist.
    /// - Parameter needed: what it is needed for, for the error (`the database path`).
    func load(for needed: String, override: String) throws -> KioskConfiguration {
        guard let configuration = try self.loadIfPresent() else {
            throw OperatorError("no configuration at \(Self.defaultPath) to find \(needed): pass --config PATH or \(override)")
        }
        return configuration
    }

    /// The kiosk's time zone (`kiosk.time_zone`), or Asia/Shanghai without a configuration.
    func timeZone() throws -> TimeZone {
        let identifier = try self.loadIfPresent()?.kiosk.timeZone ?? "Asia/Shanghai"
        return TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 8 * 3600)!
    }
}

/// `--socket`: the daemon's control socket.
struct SocketOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The daemon's control socket (default: sockets.control in the configuration).", valueName: "path"))
    var socket: String?

    /// A client for the socket given, or the configuration's (`/run/onetrip/control.sock` by default).
    func makeClient(_ config: ConfigFileOption, timeout: Duration = .seconds(30)) throws -> ControlClient {
        let configuration = self.socket == nil ? try config.loadIfPresent() : nil
        let path = self.socket ?? configuration?.sockets.control ?? "/run/onetrip/control.sock"
        return ControlClient(socketPath: path, accessGroup: configuration?.sockets.group ?? "onetrip", timeout: timeout)
    }
}

/// `--database`: the kiosk's SQLite file, opened read-only so the commands work while the
/// daemon writes, and when it is down.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The kiosk database (default: onetrip.sqlite in kiosk.data_directory).", valueName: "path"))
    var database: String?

    /// The journal, read-only.
    func openJournal(_ config: ConfigFileOption) async throws -> Journal {
        let configuration = self.database == nil ? try config.load(for: "the database", override: "--database PATH") : try config.loadIfPresent()
        let path = self.database ?? configuration?.kiosk.databasePath ?? ""
        guard FileManager.default.fileExists(atPath: path) else {
            throw OperatorError("no kiosk database at \(path): has onetripd run on this kiosk, and is kiosk.data_directory right?")
        }
        let journal = JournalConfiguration(
            kioskID: configuration?.kiosk.id ?? "-", access: .readOnly, timeZone: try config.timeZone())
        do {
            return try await Journal.open(path: path, configuration: journal)
        } catch {
            throw OperatorError("\(error)")
        }
    }
}

/// A failure of an operator command, printed as `Error: <message>` with exit status 1.
struct OperatorError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
