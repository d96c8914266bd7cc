import KioskCore

/// Bilingual text (re-exported from KioskCore for status types).
public typealias KioskCoreText = LocalizedText

/// What a driver reports about its device: one availability, the faults behind it, and
/// device-specific detail (paper near end, SAM id, firmware). Every driver publishes these the
/// same way, so diagnostics and the session's service list treat all devices alike.
public struct DeviceStatus: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The job the device does.
    public var role: DeviceRole
    /// A stable identity (serial number, or physical port path, or configured path).
    public var deviceID: String
    /// The model from the matched device profile, if known.
    public var model: String?
    /// Whether it can work.
    public var availability: DeviceAvailability
    /// Why it cannot (empty when online).
    public var faults: [DeviceFault]
    /// Device-specific facts for technicians (`paper: near-end`, `sam-id: 05.01-...`).
    public var details: [String: String]

    /// Creates a status.
    public init(
        role: DeviceRole, deviceID: String, model: String? = nil, availability: DeviceAvailability,
        faults: [DeviceFault] = [], details: [String: String] = [:]
    ) {
        self.role = role
        self.deviceID = deviceID
        self.model = model
        self.availability = availability
        self.faults = faults
        self.details = details
    }

    /// The status of a role nothing was found for.
    public static func noDevice(_ role: DeviceRole, reason: String = "no device configured or found") -> DeviceStatus {
        DeviceStatus(
            role: role, deviceID: "-", availability: .noDevice,
            faults: [
                DeviceFault(
                    code: "no-device", summary: reason,
                    remediation: Remediation(.configuration, "connect the \(role.name.en.lowercased()) or set its path in onetrip.toml"),
                    citizenNotice: LocalizedText(zh: "\(role.name.zh)暂不可用", en: "\(role.name.en) unavailable"))
            ])
    }

    /// What the session needs to know.
    public var usability: DeviceUsability {
        if self.availability.isUsable { return .usable }
        if let fault = self.faults.first { return .unusable(fault.citizenNotice) }
        return .unusable(LocalizedText(zh: "\(self.role.name.zh)暂不可用", en: "\(self.role.name.en) unavailable"))
    }

    public var description: String {
        var text = "\(self.role.rawValue) \(self.deviceID): \(self.availability.label)"
        if !self.faults.isEmpty { text += " — " + self.faults.map(\.description).joined(separator: "; ") }
        return text
    }
}
