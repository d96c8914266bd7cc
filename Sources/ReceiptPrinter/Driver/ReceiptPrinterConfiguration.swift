import DeviceKit

/// Everything a ``ReceiptPrinterDriver`` needs: which printer, what it can do, where it is and
/// how long to wait for it.
public struct ReceiptPrinterConfiguration: Hashable, Sendable {
    /// A stable identity for status reports (the configured path or host).
    public var deviceID: String
    /// The model name from the profile.
    public var model: String?
    /// What the printer can do.
    public var capabilities: ReceiptPrinterCapabilities
    /// Where it is reached.
    public var endpoint: ReceiptPrinterEndpoint
    /// How long a TCP connection may take (profile timeout `connect`, default 3 s).
    public var connectTimeout: Duration
    /// How long one status reply may take (profile timeout `statusQuery`, default 500 ms).
    public var statusTimeout: Duration
    /// How long a job may take to print and confirm (profile timeout `job`, default 15 s).
    public var jobTimeout: Duration
    /// How often the printer is asked `DLE EOT 1` while a job prints (default 250 ms).
    public var pollInterval: Duration
    /// What to do with characters the printer cannot print (default: substitute `？`).
    public var unencodableCharacters: UnencodableCharacterPolicy

    /// Creates a configuration.
    public init(
        deviceID: String, model: String? = nil, capabilities: ReceiptPrinterCapabilities, endpoint: ReceiptPrinterEndpoint,
        connectTimeout: Duration = .seconds(3), statusTimeout: Duration = .milliseconds(500), jobTimeout: Duration = .seconds(15),
        pollInterval: Duration = .milliseconds(250), unencodableCharacters: UnencodableCharacterPolicy = .substitute
    ) {
        self.deviceID = deviceID
        self.model = model
        self.capabilities = capabilities
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.statusTimeout = statusTimeout
        self.jobTimeout = jobTimeout
        self.pollInterval = pollInterval
        self.unencodableCharacters = unencodableCharacters
    }

    /// A configuration from a receipt-printer profile and the device's address.
    /// - Parameters:
    ///   - profile: a profile with role `receiptPrinter`.
    ///   - address: the device path (serial, USB) or host name (TCP).
    /// - Throws: ``ReceiptPrinterConfigurationError`` when the profile is not a receipt printer's.
    public init(profile: DeviceProfile, address: String) throws(ReceiptPrinterConfigurationError) {
        guard case .receiptPrinter(let capabilities) = profile.capabilities else { throw .notAReceiptPrinter(profile: profile.id) }
        guard let endpoint = ReceiptPrinterEndpoint(profile.transport, address: address) else {
            throw .unsupportedTransport(profile: profile.id)
        }
        self.init(
            deviceID: address, model: profile.model, capabilities: capabilities, endpoint: endpoint,
            connectTimeout: profile.timeout("connect", default: .seconds(3)), statusTimeout: profile.timeout("statusQuery", default: .milliseconds(500)),
            jobTimeout: profile.timeout("job", default: .seconds(15)))
    }
}

/// A profile that cannot drive a receipt printer.
public enum ReceiptPrinterConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The profile's role is not `receiptPrinter`.
    case notAReceiptPrinter(profile: String)
    /// The profile's transport is not serial, USB printer or TCP.
    case unsupportedTransport(profile: String)

    public var description: String {
        switch self {
        case .notAReceiptPrinter(let profile): "profile \(profile) is not a receipt printer's"
        case .unsupportedTransport(let profile): "profile \(profile): a receipt printer is reached by serial, usbPrinter or tcp"
        }
    }
}
