import KioskCore

/// What check factories build their checks from: the profiles, the devices discovery assigned
/// to roles, the devices the configuration names, the roles this kiosk is expected to have, and
/// the latest statuses where a running daemon knows them.
public struct DiagnosticEnvironment: Sendable {
    /// The loaded profiles (and the errors of broken ones).
    public var profiles: DeviceProfileLibrary
    /// Which device fills which role.
    public var assignment: RoleAssignment
    /// The roles this kiosk has.
    public var roles: [DeviceRole]
    /// Statuses drivers reported (empty when diagnostics open the devices themselves).
    public var statuses: [DeviceRole: DeviceStatus]
    /// Devices the kiosk's configuration names; they take precedence over discovery.
    public var configured: [DeviceRole: DeviceTarget]

    /// Creates an environment.
    public init(
        profiles: DeviceProfileLibrary, assignment: RoleAssignment, roles: [DeviceRole] = DeviceRole.allCases,
        statuses: [DeviceRole: DeviceStatus] = [:], configured: [DeviceRole: DeviceTarget] = [:]
    ) {
        self.profiles = profiles
        self.assignment = assignment
        self.roles = roles
        self.statuses = statuses
        self.configured = configured
    }

    /// The device filling a role, if any.
    public func holder(of role: DeviceRole) -> RoleAssignment.Holder? { self.assignment.holders[role] }
}

/// The checks on offer: each driver registers a factory that builds its checks for the devices
/// present, and `onetrip diag` (or the daemon) builds a ``DiagnosticRunner`` from them.
///
/// ```swift
/// var catalogue = DiagnosticCatalogue.standard
/// catalogue.register("receipt printer") { environment in ReceiptPrinterChecks.make(environment) }
/// ```
public struct DiagnosticCatalogue: Sendable {
    /// Builds checks for an environment.
    public typealias Factory = @Sendable (DiagnosticEnvironment) -> [any DiagnosticCheck]

    /// The registered factories, by name, in registration order.
    public private(set) var factories: [(name: String, make: Factory)] = []

    /// An empty catalogue.
    public init() {}

    /// Adds a factory (a driver's checks).
    public mutating func register(_ name: String, _ make: @escaping Factory) {
        self.factories.append((name, make))
    }

    /// Every check the factories build for an environment.
    public func checks(for environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        self.factories.flatMap { $0.make(environment) }
    }

    /// The checks that need no driver: the profiles load, each expected role has a device, and
    /// each device node opens.
    public static var standard: DiagnosticCatalogue { .standard(probingDeviceNodes: true) }

    /// The checks that need no driver.
    /// - Parameter probingDeviceNodes: whether to open each device node (``DeviceNodeAccessCheck``).
    ///   The daemon passes `false`: its drivers hold the nodes (exclusively), so the probe
    ///   could only report them busy, and reopening a live port would disturb its driver.
    public static func standard(probingDeviceNodes: Bool) -> DiagnosticCatalogue {
        var catalogue = DiagnosticCatalogue()
        catalogue.register("device profiles") { environment in [ProfileLibraryCheck(library: environment.profiles)] }
        catalogue.register("device presence") { environment in
            environment.roles.map { DevicePresenceCheck(role: $0, environment: environment) }
        }
        if probingDeviceNodes {
            catalogue.register("device node access") { environment in
                environment.roles.compactMap { role in environment.target(of: role).flatMap { DeviceNodeAccessCheck(role: role, target: $0) } }
            }
        }
        return catalogue
    }

    /// The kiosk's catalogue: the standard checks, then each role's driver checks in role order
    /// (`onetrip diag` builds them over drivers it opens, the daemon over its running drivers).
    /// - Parameters:
    ///   - probingDeviceNodes: see ``standard(probingDeviceNodes:)``.
    ///   - driverChecks: a role's driver checks for an environment (none for a role without a device).
    public static func kiosk(
        probingDeviceNodes: Bool, driverChecks: @escaping @Sendable (DeviceRole, DiagnosticEnvironment) -> [any DiagnosticCheck]
    ) -> DiagnosticCatalogue {
        var catalogue = DiagnosticCatalogue.standard(probingDeviceNodes: probingDeviceNodes)
        for role in DeviceRole.allCases {
            catalogue.register(role.phrase) { environment in driverChecks(role, environment) }
        }
        return catalogue
    }
}
