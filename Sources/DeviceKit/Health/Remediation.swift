/// What a person must do about a fault, after XFS4IoT's error `action` values
/// (reset, clear, maintenance, configuration, suspend), with the instruction spelled out.
public struct Remediation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The class of action.
    public enum Action: String, Hashable, Sendable, Codable {
        /// Nothing to do: the device recovers by itself.
        case none
        /// Reset or power-cycle the device.
        case reset
        /// Clear the condition by hand (load paper, close the cover, empty the cash box).
        case clear
        /// Call for maintenance: a part needs repair or replacement.
        case maintenance
        /// Fix the configuration (wrong port, baud rate, profile, queue).
        case configuration
        /// Stop using the device until someone looks (a fraud attempt).
        case suspend
    }

    /// The class of action.
    public var action: Action
    /// The instruction for a technician ("Load a new 80 mm paper roll and close the cover").
    public var instruction: String

    /// Creates a remediation.
    public init(_ action: Action, _ instruction: String) {
        self.action = action
        self.instruction = instruction
    }

    /// No action needed.
    public static let none = Remediation(.none, "no action needed")

    public var description: String { "\(self.action.rawValue): \(self.instruction)" }
}

/// One problem a device reports: a stable code, what it means for a technician, what to do,
/// and what a citizen is told.
public struct DeviceFault: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable code for logs and statistics (`paper-out`, `sam-self-test-failed`).
    public var code: String
    /// What is wrong, in a technician's words.
    public var summary: String
    /// What to do.
    public var remediation: Remediation
    /// What a citizen is told while it lasts.
    public var citizenNotice: KioskCoreText

    /// Creates a fault.
    public init(code: String, summary: String, remediation: Remediation, citizenNotice: KioskCoreText) {
        self.code = code
        self.summary = summary
        self.remediation = remediation
        self.citizenNotice = citizenNotice
    }

    public var description: String { "\(self.code): \(self.summary) → \(self.remediation)" }
}
