import KioskCore

/// Which discovered device fills which role: a pure function of the devices present, the
/// technician's pinned bindings, the previous holders and the roles devices held before.
///
/// A kiosk has one device per role. Each role goes to the first of, in this order:
/// 1. a device **pinned** to the role (by configuration), among several the lowest identity;
/// 2. the **incumbent**: the device holding it before, if still present: a working device is
///    never displaced by one that arrives later;
/// 3. a device that **remembered** holding the role earlier in this run (so a device re-plugged
///    into another socket gets its role back, even if its bridge chip also fits other roles);
/// 4. a device whose **best match** is the role: most specific profile, then lowest identity;
/// 5. as a **fallback**, any remaining device that fits the role.
///
/// A device pinned or remembered for one role never fills another. Devices that fit but hold
/// nothing are spares (reported, not used). When one device fits several roles equally well
/// (two models on the same USB-serial bridge), the choice follows ``DeviceRole`` order and is
/// reported in ``notes`` so a technician can pin it.
public struct RoleAssignment: Hashable, Sendable {
    /// Why a device holds its role.
    public enum Reason: String, Hashable, Sendable, Codable {
        /// Pinned by configuration.
        case pinned
        /// Held it before and is still present.
        case incumbent
        /// Held it earlier (before a re-plug).
        case remembered
        /// The role is the device's most specific match.
        case bestMatch
        /// The device also fits the role and nothing better was there.
        case fallback
    }

    /// The device filling a role.
    public struct Holder: Hashable, Sendable {
        /// The device.
        public var device: DiscoveredDevice
        /// The profile it is driven with.
        public var match: ProfileMatch
        /// Why it holds the role.
        public var reason: Reason

        /// Creates the value.
        public init(device: DiscoveredDevice, match: ProfileMatch, reason: Reason) {
            self.device = device
            self.match = match
            self.reason = reason
        }
    }

    /// A known device that fills no role.
    public struct Spare: Hashable, Sendable {
        /// The device.
        public var device: DiscoveredDevice
        /// The role it would fill.
        public var role: DeviceRole
        /// Why it is not used.
        public var reason: String
    }

    /// The holder of each filled role.
    public var holders: [DeviceRole: Holder] = [:]
    /// Known devices not used.
    public var spares: [Spare] = []
    /// Candidates no profile fits.
    public var unknown: [DiscoveredDevice] = []
    /// Choices a technician should confirm (a device fitting several roles equally).
    public var notes: [String] = []

    /// No devices, no roles filled.
    public init() {}

    /// Assigns roles.
    /// - Parameters:
    ///   - devices: the candidates present (known and unknown).
    ///   - pinned: roles pinned by configuration, by identity.
    ///   - incumbents: the identity holding each role before this change.
    ///   - remembered: the role each identity held last, earlier in this run.
    public static func assign(
        _ devices: [DiscoveredDevice], pinned: [DeviceIdentity: DeviceRole] = [:], incumbents: [DeviceRole: DeviceIdentity] = [:],
        remembered: [DeviceIdentity: DeviceRole] = [:]
    ) -> RoleAssignment {
        var result = RoleAssignment()
        let sorted = devices.sorted { $0.identity < $1.identity }
        result.unknown = sorted.filter { !$0.isKnown }
        let known = sorted.filter(\.isKnown)
        var taken = Set<DeviceIdentity>()

        func binding(_ device: DiscoveredDevice) -> (role: DeviceRole, reason: Reason)? {
            if let role = pinned[device.identity], device.bestMatch(for: role) != nil { return (role, .pinned) }
            if let role = remembered[device.identity], device.bestMatch(for: role) != nil { return (role, .remembered) }
            return nil
        }
        func mayFill(_ device: DiscoveredDevice, _ role: DeviceRole) -> Bool {
            guard !taken.contains(device.identity), device.bestMatch(for: role) != nil else { return false }
            return binding(device).map { $0.role == role } ?? true
        }
        func fill(_ role: DeviceRole, from candidates: [DiscoveredDevice], reason: Reason) {
            guard result.holders[role] == nil else { return }
            let ranked = candidates.filter { mayFill($0, role) }.sorted {
                let left = $0.bestMatch(for: role)!.specificity
                let right = $1.bestMatch(for: role)!.specificity
                return left != right ? left > right : $0.identity < $1.identity
            }
            guard let device = ranked.first else { return }
            result.holders[role] = Holder(device: device, match: device.bestMatch(for: role)!, reason: reason)
            taken.insert(device.identity)
        }

        for role in DeviceRole.allCases {
            fill(role, from: known.filter { binding($0)?.reason == .pinned && binding($0)?.role == role }, reason: .pinned)
        }
        for role in DeviceRole.allCases {
            fill(role, from: known.filter { $0.identity == incumbents[role] }, reason: .incumbent)
        }
        for role in DeviceRole.allCases {
            fill(role, from: known.filter { binding($0)?.reason == .remembered && binding($0)?.role == role }, reason: .remembered)
        }
        for role in DeviceRole.allCases {
            fill(role, from: known.filter { (binding($0)?.role ?? $0.roles.first) == role }, reason: .bestMatch)
        }
        for role in DeviceRole.allCases {
            fill(role, from: known, reason: .fallback)
        }

        for device in known where !taken.contains(device.identity) {
            let role = binding(device)?.role ?? device.roles[0]
            let holder = result.holders[role].map { "\($0.device.identity)" } ?? "another device"
            result.spares.append(Spare(device: device, role: role, reason: "\(role.rawValue) is already filled by \(holder)"))
        }
        result.notes = Self.notes(for: result.holders)
        return result
    }

    private static func notes(for holders: [DeviceRole: Holder]) -> [String] {
        var notes: [String] = []
        for role in DeviceRole.allCases {
            guard let holder = holders[role], holder.reason != .pinned else { continue }
            let top = holder.device.matches[0].specificity
            let equals = holder.device.roles.filter { holder.device.bestMatch(for: $0)!.specificity == top }
            guard equals.count > 1 else { continue }
            let names = equals.map(\.rawValue).joined(separator: " and ")
            notes.append(
                "\(holder.device.identity) fits \(names) equally (same USB id); it was given \(role.rawValue) (\(holder.reason.rawValue)). Pin it to its role if that is wrong."
            )
        }
        return notes
    }

    /// The assignment of a device, if it holds a role.
    public func role(of identity: DeviceIdentity) -> DeviceRole? {
        self.holders.first { $0.value.device.identity == identity }?.key
    }
}
