import KioskCore

/// Where diagnostics (and the daemon) find the device of a role: the device named in the kiosk's
/// configuration (`[devices.<role>]` in onetrip.toml), else the one discovery assigned to the
/// role, else, for a printer behind CUPS, the queue its profile names.
public struct DeviceTarget: Hashable, Sendable, CustomStringConvertible {
    /// How the device was found.
    public enum Origin: String, Hashable, Sendable {
        /// Named in the configuration.
        case configured
        /// Found by udev discovery.
        case discovered
        /// Taken from the only profile of the role (a CUPS queue).
        case profile
    }

    /// The role.
    public var role: DeviceRole
    /// The device's profile.
    public var profile: DeviceProfile
    /// How it was found.
    public var origin: Origin
    /// The device node (serial and USB devices).
    public var path: String?
    /// The host (network devices).
    public var host: String?
    /// A TCP port overriding the profile's.
    public var port: Int?
    /// The CUPS scheduler (socket path or `host:port`; `nil`: libcups's default).
    public var cupsServer: String?
    /// The CUPS queue overriding the profile's.
    public var queue: String?

    /// Creates a target.
    public init(
        role: DeviceRole, profile: DeviceProfile, origin: Origin, path: String? = nil, host: String? = nil, port: Int? = nil,
        cupsServer: String? = nil, queue: String? = nil
    ) {
        self.role = role
        self.profile = profile
        self.origin = origin
        self.path = path
        self.host = host
        self.port = port
        self.cupsServer = cupsServer
        self.queue = queue
    }

    /// The CUPS queue: the configured one, else the profile's.
    public var cupsQueue: String? {
        if let queue { return queue }
        if case .cups(let queue) = self.profile.transport { return queue }
        return nil
    }

    /// The TCP port: the configured one, else the profile's.
    public var tcpPort: Int? {
        if let port { return port }
        if case .tcp(let port) = self.profile.transport { return port }
        return nil
    }

    /// Where the device is reached: `/dev/ttyUSB0`, `10.0.0.7:9100`, `CUPS queue KioskA4 at /run/cups/cups.sock`.
    public var reach: String {
        if let path {
            return path
        } else if let host {
            return "\(host):\(self.tcpPort.map(String.init) ?? "?")"
        } else if let queue = self.cupsQueue {
            return "CUPS queue \(queue)" + (self.cupsServer.map { " at \($0)" } ?? "")
        }
        return "no address"
    }

    /// `/dev/ttyUSB0 (profile idcard-sam-serial-generic, configured)`.
    public var description: String {
        "\(self.reach) (profile \(self.profile.id), \(self.origin.rawValue))"
    }
}

extension DiagnosticEnvironment {
    /// The device diagnostics check for a role: configured, else discovered, else the CUPS queue
    /// of the role's only CUPS profile; `nil` when there is none (or only a network profile
    /// without a configured host).
    public func target(of role: DeviceRole) -> DeviceTarget? {
        if let configured = self.configured[role] { return configured }
        if let holder = self.holder(of: role), let node = holder.device.deviceNode {
            return DeviceTarget(role: role, profile: holder.match.profile, origin: .discovered, path: node)
        }
        let queues = self.profiles.profiles.filter { profile in
            guard profile.role == role, case .cups = profile.transport else { return false }
            return true
        }
        if queues.count == 1, let profile = queues.first {
            return DeviceTarget(role: role, profile: profile, origin: .profile)
        }
        return nil
    }
}
