import DeviceKit

/// How the reader driver talks to one reader: the port, the polling pace, timeouts and retries.
///
/// Defaults follow the research (shared/research/idcard-sam-protocol.md §7.4): vendor code uses
/// 200–500 ms for find/select and 1–2 s for a read; OneTrip polls every 200 ms so a card is noticed
/// fast (vendor SDKs sleep 400 ms per command or poll once a second).
public struct CardReaderConfiguration: Hashable, Sendable {
    /// The serial device (`/dev/ttyUSB0`, a `/dev/onetrip/idcard` udev link, a simulator's PTY).
    public var devicePath: String
    /// The line speed (115200 by default, research §1.3).
    public var baudRate: Int
    /// The model from the matched device profile, for status reports.
    public var model: String?
    /// Time between two finds while no card is being read.
    public var pollInterval: Duration
    /// How long find, select, the SAM commands and the appended-address read may take.
    public var commandTimeout: Duration
    /// How long a text-and-photo (or fingerprint) read may take, wire time included.
    public var readTimeout: Duration
    /// How many find→select→read attempts one presented card gets before it is refused.
    public var maximumReadAttempts: Int
    /// How many finds in a row must find nothing before a read card counts as removed (one
    /// missed find is often just the card being shifted on the reader).
    public var absentPollsBeforeRemoval: Int
    /// How many exchanges in a row may time out or come back garbled before the reader is
    /// reported faulty and the port reopened.
    public var maximumConsecutiveFailures: Int
    /// Whether to read with fingerprints (30 10) instead of text and photo only (30 01).
    public var readsFingerprints: Bool
    /// Whether to ask for the newest appended address (30 03) after each read.
    public var readsAppendedAddress: Bool
    /// Time between two attempts to open a missing port.
    public var reconnectInterval: Duration
    /// Time between two SAM status checks while the SAM is faulty.
    public var samRecheckInterval: Duration

    /// Creates a configuration; every value but the path has a default.
    public init(
        devicePath: String, baudRate: Int = 115_200, model: String? = nil, pollInterval: Duration = .milliseconds(200),
        commandTimeout: Duration = .milliseconds(500), readTimeout: Duration = .seconds(2), maximumReadAttempts: Int = 3,
        absentPollsBeforeRemoval: Int = 2, maximumConsecutiveFailures: Int = 3, readsFingerprints: Bool = false,
        readsAppendedAddress: Bool = false, reconnectInterval: Duration = .seconds(1), samRecheckInterval: Duration = .seconds(5)
    ) {
        precondition(maximumReadAttempts >= 1 && absentPollsBeforeRemoval >= 1 && maximumConsecutiveFailures >= 1)
        self.devicePath = devicePath
        self.baudRate = baudRate
        self.model = model
        self.pollInterval = pollInterval
        self.commandTimeout = commandTimeout
        self.readTimeout = readTimeout
        self.maximumReadAttempts = maximumReadAttempts
        self.absentPollsBeforeRemoval = absentPollsBeforeRemoval
        self.maximumConsecutiveFailures = maximumConsecutiveFailures
        self.readsFingerprints = readsFingerprints
        self.readsAppendedAddress = readsAppendedAddress
        self.reconnectInterval = reconnectInterval
        self.samRecheckInterval = samRecheckInterval
    }

    /// Takes the baud rate, poll interval, reads and timeouts (`command`, `read`) from a device
    /// profile of role `idCardReader`.
    public init(profile: DeviceProfile, devicePath: String) {
        self.init(devicePath: devicePath, model: profile.model)
        if case .serial(let baudRate) = profile.transport { self.baudRate = baudRate }
        if case .idCardReader(let capabilities) = profile.capabilities {
            self.pollInterval = capabilities.pollInterval
            self.readsFingerprints = capabilities.readsFingerprints
            self.readsAppendedAddress = capabilities.readsAppendedAddress
        }
        self.commandTimeout = profile.timeout("command", default: self.commandTimeout)
        self.readTimeout = profile.timeout("read", default: self.readTimeout)
    }
}
