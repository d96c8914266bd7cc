import DeviceKit
import KioskCore

/// How to reach and use one banknote validator (from its device profile and the kiosk's config).
public struct BillValidatorConfiguration: Hashable, Sendable {
    /// The serial device (`/dev/onetrip/validator`, a CDC-ACM `ttyACM0`, or a simulator's PTY).
    public var devicePath: String
    /// The model, for the device status.
    public var model: String?
    /// The SSP address (0 for a banknote validator; research B.2).
    public var address: UInt8
    /// The currency the dataset must be in.
    public var currency: String
    /// The SSP protocol version to request (NV9/NV200: 6–8).
    public var protocolVersion: UInt8
    /// The notes the kiosk takes; every other channel stays inhibited.
    public var acceptedNotes: [Money]
    /// The pause between polls (GA973 §7.4: 200–1000 ms; the unit disables itself after 10 s without commands).
    public var pollInterval: Duration
    /// The wait for each reply (GA138: 1 s).
    public var replyTimeout: Duration
    /// Sends per command before the unit counts as silent.
    public var attempts: Int
    /// How long a note may wait in escrow for the session's decision (HOLD keeps it meanwhile).
    public var decisionTimeout: Duration
    /// The pause between reconnection attempts.
    public var reconnectInterval: Duration

    /// Creates a configuration.
    public init(
        devicePath: String, model: String? = nil, address: UInt8 = 0, currency: String = "CNY", protocolVersion: UInt8 = 7,
        acceptedNotes: [Money], pollInterval: Duration = .milliseconds(200), replyTimeout: Duration = .seconds(1), attempts: Int = 3,
        decisionTimeout: Duration = .seconds(30), reconnectInterval: Duration = .seconds(2)
    ) {
        self.devicePath = devicePath
        self.model = model
        self.address = address
        self.currency = currency
        self.protocolVersion = protocolVersion
        self.acceptedNotes = acceptedNotes
        self.pollInterval = pollInterval
        self.replyTimeout = replyTimeout
        self.attempts = attempts
        self.decisionTimeout = decisionTimeout
        self.reconnectInterval = reconnectInterval
    }

    /// A configuration from a bill-validator device profile.
    /// - Throws: ``ValidatorFault/configuration(_:)`` when the profile is for another role.
    public init(profile: DeviceProfile, devicePath: String) throws(ValidatorFault) {
        guard case .billValidator(let capabilities) = profile.capabilities else {
            throw .configuration("profile \(profile.id) is a \(profile.role.rawValue), not a bill validator")
        }
        self.init(
            devicePath: devicePath, model: profile.model, address: UInt8(capabilities.sspAddress), currency: capabilities.currency,
            protocolVersion: UInt8(capabilities.protocolVersion), acceptedNotes: capabilities.acceptedNotes,
            pollInterval: profile.timeout("poll", default: .milliseconds(200)), replyTimeout: profile.timeout("reply", default: .seconds(1)),
            decisionTimeout: profile.timeout("decision", default: .seconds(30)))
    }

    /// SSP runs at 9600 baud, 8 data bits, no parity, 2 stop bits (GA138 "Hardware layer"; research B.2).
    public static let baudRate = 9600
}
