/// Whether a device can do its job, after the common status of CEN XFS4IoT (`Common.Status`
/// `device` values) and UnifiedPOS's power/state model. Every driver reports one of these.
public enum DeviceAvailability: String, Hashable, Sendable, Codable, CaseIterable {
    /// Working and ready.
    case online
    /// Connected but not ready (printer offline button, validator disabled by itself).
    case offline
    /// Configured but not connected or powered (USB cable out, printer switched off).
    case powerOff
    /// No device of this role is configured or discovered.
    case noDevice
    /// A fault needing repair or reset (SAM self-test failed, cutter jam, unrecoverable error).
    case hardwareError
    /// A fault a person can clear (paper out, cover open, cash box full or removed).
    case userError
    /// Working on a request right now.
    case busy
    /// The device reported an attempt to cheat it (banknote on a string).
    case fraudAttempt

    /// Whether citizens can be served by the device.
    public var isUsable: Bool { self == .online || self == .busy }

    /// A short name for tables.
    public var label: String {
        switch self {
        case .online: "online"
        case .offline: "offline"
        case .powerOff: "power off / not connected"
        case .noDevice: "no device"
        case .hardwareError: "hardware error"
        case .userError: "user error"
        case .busy: "busy"
        case .fraudAttempt: "fraud attempt"
        }
    }
}
