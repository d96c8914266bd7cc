import DeviceKit
import KioskCore

/// One device role as the daemon sees it (`GET /v1/devices`): its latest status, the device
/// filling it and the profile it matched, and its wear statistics.
public struct DeviceReport: Hashable, Sendable, Codable {
    /// The role.
    public var role: DeviceRole
    /// The driver's latest status (``DeviceStatus/noDevice(_:reason:)`` when nothing fills the role).
    public var status: DeviceStatus
    /// The device's stable identity, when discovery found it.
    public var identity: DeviceIdentity?
    /// The node or address the driver uses (`/dev/onetrip/idCardReader`, `CUPS queue KioskA4`).
    public var endpoint: String?
    /// The matched profile's id.
    public var profile: String?
    /// The profile's model name.
    public var model: String?
    /// What the device has done and suffered, when known.
    public var statistics: DeviceStatistics?

    /// Creates a report.
    public init(
        role: DeviceRole, status: DeviceStatus, identity: DeviceIdentity? = nil, endpoint: String? = nil, profile: String? = nil,
        model: String? = nil, statistics: DeviceStatistics? = nil
    ) {
        self.role = role
        self.status = status
        self.identity = identity
        self.endpoint = endpoint
        self.profile = profile
        self.model = model
        self.statistics = statistics
    }
}

/// The body of `GET /v1/devices`.
public struct DevicesReport: Hashable, Sendable, Codable {
    /// Every role, in role order.
    public var devices: [DeviceReport]

    /// Creates the report.
    public init(devices: [DeviceReport]) {
        self.devices = devices
    }
}
