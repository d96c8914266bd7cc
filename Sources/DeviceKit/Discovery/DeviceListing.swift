import KioskCore

/// What `onetrip devices` shows (and `--json` prints): every discovered device with its
/// identity, role, matched profile and status, the profiles reached without udev (CUPS queues,
/// TCP printers), and notes a technician should read.
public struct DeviceListing: Hashable, Sendable, Codable {
    /// Whether a device is used.
    public enum State: String, Hashable, Sendable, Codable {
        /// It fills a role.
        case holds
        /// It fits a role that another device fills.
        case spare
        /// No profile fits it: ignored.
        case unknown
    }

    /// One discovered device.
    public struct Device: Hashable, Sendable, Codable {
        /// The stable identity.
        public var identity: DeviceIdentity
        /// Whether it is used.
        public var state: State
        /// The role it fills (or would fill, for a spare).
        public var role: DeviceRole?
        /// Why it holds the role, or why it is a spare.
        public var reason: String?
        /// The matched profile's id.
        public var profile: String?
        /// The matched profile's model.
        public var model: String?
        /// `tty`, `usbmisc`, `usb`.
        public var subsystem: String
        /// The node a driver opens.
        public var deviceNode: String?
        /// The sysfs path.
        public var syspath: String
        /// `vendor:product`.
        public var usbID: String
        /// The USB serial number, if any.
        public var serialNumber: String?
        /// The physical port path, if known.
        public var port: String?
        /// The USB product string.
        public var product: String?
        /// The device's status, or `not checked` when no driver or diagnostic has reported one.
        public var status: String
    }

    /// A profile reached without udev discovery.
    public struct Endpoint: Hashable, Sendable, Codable {
        /// The profile id.
        public var profile: String
        /// Its role.
        public var role: DeviceRole
        /// Its model.
        public var model: String
        /// How it is reached (`CUPS queue KioskA4`, `TCP port 9100`).
        public var reach: String
    }

    /// The discovered devices: role holders in role order, then spares, then unknown devices.
    public var devices: [Device]
    /// Profiles reached through CUPS or the network.
    public var endpoints: [Endpoint]
    /// Choices a technician should confirm.
    public var notes: [String]

    /// Builds the listing.
    /// - Parameters:
    ///   - assignment: the registry's assignment.
    ///   - profiles: every loaded profile (for the CUPS and network endpoints).
    ///   - statuses: the latest status of each role, where known.
    public init(assignment: RoleAssignment, profiles: [DeviceProfile], statuses: [DeviceRole: DeviceStatus] = [:]) {
        var devices: [Device] = []
        for role in DeviceRole.allCases {
            guard let holder = assignment.holders[role] else { continue }
            let status = statuses[role].map(\.availability.label) ?? "not checked"
            devices.append(
                Self.entry(holder.device, state: .holds, role: role, reason: holder.reason.rawValue, match: holder.match, status: status))
        }
        for spare in assignment.spares {
            devices.append(
                Self.entry(spare.device, state: .spare, role: spare.role, reason: spare.reason, match: spare.device.bestMatch(for: spare.role), status: "not used"))
        }
        for device in assignment.unknown {
            devices.append(Self.entry(device, state: .unknown, role: nil, reason: "no profile matches", match: nil, status: "ignored"))
        }
        self.devices = devices
        self.endpoints = profiles.filter { !DeviceMatcher.isDiscoverable($0) }.map { profile in
            let reach: String
            switch profile.transport {
            case .cups(let queue): reach = "CUPS queue \(queue)"
            case .tcp(let port): reach = "TCP port \(port)"
            case .serial(let baudRate): reach = "serial port set by path (\(baudRate) baud)"
            case .usbPrinter: reach = "USB printer node set by path"
            }
            return Endpoint(profile: profile.id, role: profile.role, model: profile.model, reach: reach)
        }
        self.notes = assignment.notes
    }

    private static func entry(
        _ device: DiscoveredDevice, state: State, role: DeviceRole?, reason: String?, match: ProfileMatch?, status: String
    ) -> Device {
        Device(
            identity: device.identity, state: state, role: role, reason: reason, profile: match?.profile.id, model: match?.profile.model,
            subsystem: device.udev.subsystem, deviceNode: device.deviceNode, syspath: device.udev.syspath, usbID: device.usbID,
            serialNumber: device.udev.serialNumber, port: device.udev.physicalPath ?? DeviceIdentity.kernelPortPath(of: device.udev.syspath),
            product: device.udev.usbAttributes["product"] ?? device.udev.properties["ID_MODEL"], status: status)
    }

    /// The identity holding each role.
    public var holders: [DeviceRole: DeviceIdentity] {
        var result: [DeviceRole: DeviceIdentity] = [:]
        for device in self.devices where device.state == .holds {
            if let role = device.role { result[role] = device.identity }
        }
        return result
    }
}
