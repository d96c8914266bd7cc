import KioskCore

extension DeviceRegistryUpdate {
    /// An update as a flat, encodable record: one line of `onetrip devices --watch --json`, and
    /// what the daemon's control socket will send to watchers.
    public struct Record: Hashable, Sendable, Codable {
        /// One role change.
        public struct Change: Hashable, Sendable, Codable {
            /// The role.
            public var role: DeviceRole
            /// `filled`, `vacated`, `replaced`, `moved`.
            public var kind: RoleChange.Kind
            /// The holder now.
            public var identity: DeviceIdentity?
            /// Its device node now.
            public var deviceNode: String?
            /// Its profile.
            public var profile: String?
            /// The holder before.
            public var previousIdentity: DeviceIdentity?
            /// Its device node before.
            public var previousDeviceNode: String?
        }

        /// `scan`, or the udev action (`add`, `remove`, `change`).
        public var action: String
        /// The device the event was about.
        public var identity: DeviceIdentity?
        /// Its sysfs path.
        public var syspath: String?
        /// Its device node.
        public var deviceNode: String?
        /// What became of it: `holds`, `spare`, `unknown` (ignored) or `left`.
        public var outcome: String?
        /// The role it holds or would hold.
        public var role: DeviceRole?
        /// Role changes.
        public var changes: [Change]
        /// The identity holding each role after the update, by role name.
        public var holders: [String: DeviceIdentity]
    }

    /// The update as a record.
    public var record: Record {
        let action: String
        switch self.trigger {
        case .scan: action = "scan"
        case .event(let event): action = event.action.description
        }
        var outcome: String?
        var role: DeviceRole?
        if let device = self.device {
            if action == "remove" {
                outcome = "left"
            } else if let held = self.assignment.role(of: device.identity) {
                outcome = "holds"
                role = held
            } else if let spare = self.assignment.spares.first(where: { $0.device.identity == device.identity }) {
                outcome = "spare"
                role = spare.role
            } else if !device.isKnown {
                outcome = "unknown"
            }
        }
        let changes = self.changes.map { change in
            Record.Change(
                role: change.role, kind: change.kind, identity: change.current?.device.identity, deviceNode: change.current?.device.deviceNode,
                profile: change.current?.match.profile.id, previousIdentity: change.previous?.device.identity,
                previousDeviceNode: change.previous?.device.deviceNode)
        }
        return Record(
            action: action, identity: self.device?.identity, syspath: self.device?.udev.syspath, deviceNode: self.device?.deviceNode,
            outcome: outcome, role: role, changes: changes, holders: Dictionary(uniqueKeysWithValues: self.assignment.holders.map { ($0.key.rawValue, $0.value.device.identity) }))
    }
}
