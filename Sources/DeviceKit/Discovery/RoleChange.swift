import KioskCore

/// How a role's holder changed: what the daemon acts on (start, stop or restart the driver).
public struct RoleChange: Hashable, Sendable {
    /// The kind of change.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A device now fills a role that was empty: start its driver.
        case filled
        /// The holder left and nothing took its place: stop the driver, report not connected.
        case vacated
        /// A different device now holds the role: restart the driver on it.
        case replaced
        /// The same device came back on another port or node: restart the driver on the new node.
        case moved
    }

    /// The role.
    public var role: DeviceRole
    /// What happened.
    public var kind: Kind
    /// The holder before, if any.
    public var previous: RoleAssignment.Holder?
    /// The holder now, if any.
    public var current: RoleAssignment.Holder?

    /// The changes between two sets of holders, in role order.
    public static func changes(
        from old: [DeviceRole: RoleAssignment.Holder], to new: [DeviceRole: RoleAssignment.Holder]
    ) -> [RoleChange] {
        var changes: [RoleChange] = []
        for role in DeviceRole.allCases {
            let kind: Kind
            switch (old[role], new[role]) {
            case (nil, nil):
                continue
            case (nil, .some):
                kind = .filled
            case (.some, nil):
                kind = .vacated
            case (.some(let before), .some(let after)):
                if before.device.identity != after.device.identity || before.match.profile.id != after.match.profile.id {
                    kind = .replaced
                } else if before.device.udev.syspath != after.device.udev.syspath || before.device.deviceNode != after.device.deviceNode {
                    kind = .moved
                } else {
                    continue
                }
            }
            changes.append(RoleChange(role: role, kind: kind, previous: old[role], current: new[role]))
        }
        return changes
    }
}
