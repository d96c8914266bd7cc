import Foundation
import KioskCore

/// The daemon's configuration, read from `/etc/onetrip/onetrip.toml` (or `--config`) and
/// validated at start: every error names the file, the line and the key.
///
/// ```toml
/// [kiosk]
/// id = "HS-0001"
/// office = "宁波市公安局海曙分局示例派出所"
///
/// [devices.receipt_printer]
/// profile = "escpos-80mm-generic"
/// path = "/dev/usb/lp0"
/// ```
public struct KioskConfiguration: Sendable {
    /// The file it came from.
    public var file: String
    /// Who the kiosk is and where its files live.
    public var kiosk: KioskSettings
    /// Session behaviour.
    public var session: SessionSettings
    /// Device settings by role; a role absent here is searched for by udev discovery.
    public var devices: [DeviceRole: DeviceSettings]
    /// Where department records come from.
    public var records: RecordsSettings
    /// The payment-code provider.
    public var payment: PaymentSettings
    /// The back-office upload.
    public var uplink: UplinkSettings
    /// Local sockets: control API and screen.
    public var sockets: SocketSettings
    /// Keys and retention.
    public var privacy: PrivacySettings
    /// Log level.
    public var logLevel: String

    /// Reads and validates a configuration file.
    /// - Throws: ``ConfigurationError`` for the first problem found.
    public static func load(path: String) throws(ConfigurationError) -> KioskConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, line: 0, key: "(file)", message: "cannot read: \(error.localizedDescription)")
        }
        return try KioskConfiguration(document: TOMLDocument(text: text, file: path))
    }

    /// Validates a parsed document.
    public init(document: TOMLDocument) throws(ConfigurationError) {
        let root = ConfigurationSection(document, table: "")
        try root.rejectUnknownKeys(["kiosk", "session", "devices", "records", "payment", "uplink", "sockets", "privacy", "logging"])
        self.file = document.file
        self.kiosk = try KioskSettings(root.section("kiosk"))
        self.session = try SessionSettings(root.section("session"))
        self.devices = try DeviceSettings.all(root.section("devices"))
        self.records = try RecordsSettings(root.section("records"), kiosk: self.kiosk)
        self.payment = try PaymentSettings(root.section("payment"))
        self.uplink = try UplinkSettings(root.section("uplink"))
        self.sockets = try SocketSettings(root.section("sockets"))
        self.privacy = try PrivacySettings(root.section("privacy"), kiosk: self.kiosk)
        let logging = root.section("logging")
        try logging.rejectUnknownKeys(["level"])
        let level = try logging.string("level") ?? "info"
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(level) else {
            throw logging.error("level", "'\(level)' is not a log level (trace, debug, info, notice, warning, error, critical)")
        }
        self.logLevel = level
    }
}

/// `[kiosk]`: identity and files.
public struct KioskSettings: Sendable {
    /// The kiosk's id, printed on receipts and proofs (`HS-0001`).
    public var id: String
    /// The issuing office named on proofs.
    public var office: String
    /// The kiosk's time zone (card validity is judged in it).
    public var timeZone: String
    /// Whether a card read goes straight to the default proof.
    public var isOneSwipe: Bool
    /// Where the journal and keys live (`/var/lib/onetrip`).
    public var dataDirectory: String
    /// The service catalogue and demo records (`/usr/share/onetrip/seeds`).
    public var seedsDirectory: String
    /// Device profiles (`/usr/share/onetrip/DeviceProfiles`).
    public var profilesDirectory: String

    /// The kiosk's one SQLite file: the journal and outbox, the cash-in ledger, the print-job
    /// ledger and device statistics, each in its own migration domain.
    public var databasePath: String { "\(self.dataDirectory)/onetrip.sqlite" }

    init(_ section: ConfigurationSection) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["id", "office", "time_zone", "one_swipe", "data_directory", "seeds_directory", "profiles_directory"])
        let id = try section.requiredString("id")
        guard !id.isEmpty, id.count <= 16, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else {
            throw section.error("id", "'\(id)' must be 1–16 letters, digits or '-' (it is part of every transaction number)")
        }
        self.id = id
        self.office = try section.requiredString("office")
        self.timeZone = try section.string("time_zone") ?? "Asia/Shanghai"
        guard TimeZone(identifier: self.timeZone) != nil else { throw section.error("time_zone", "'\(self.timeZone)' is not a time zone") }
        self.isOneSwipe = try section.boolean("one_swipe") ?? true
        self.dataDirectory = try section.string("data_directory") ?? "/var/lib/onetrip"
        self.seedsDirectory = try section.string("seeds_directory") ?? "/usr/share/onetrip/seeds"
        self.profilesDirectory = try section.string("profiles_directory") ?? "/usr/share/onetrip/DeviceProfiles"
    }
}

/// `[session]`: timeouts and the overpayment policy.
public struct SessionSettings: Sendable {
    /// Per-step deadlines.
    public var timeouts: SessionTimeouts
    /// What happens to a note worth more than what is due.
    public var overpayment: OverpaymentPolicy

    init(_ section: ConfigurationSection) throws(ConfigurationError) {
        let keys: [(String, WritableKeyPath<SessionTimeouts, Duration>)] = [
            ("reading_timeout", \.readingCard), ("rejected_timeout", \.cardRejected), ("menu_timeout", \.serviceMenu),
            ("records_timeout", \.fetchingRecords), ("preview_timeout", \.preview), ("cash_timeout", \.cashPayment),
            ("code_payment_timeout", \.codePayment), ("printing_timeout", \.printing), ("collect_timeout", \.collect),
            ("error_timeout", \.error),
        ]
        try section.rejectUnknownKeys(Set(keys.map(\.0) + ["overpayment", "voucher_limit"]))
        var timeouts = SessionTimeouts()
        for (key, path) in keys {
            if let value = try section.duration(key, in: .seconds(1)...(.seconds(600))) { timeouts[keyPath: path] = value }
        }
        self.timeouts = timeouts
        enum Policy: String, CaseIterable { case voucher, reject }
        switch try section.choice("overpayment", as: Policy.self) ?? .voucher {
        case .reject: self.overpayment = .rejectOverpayingNotes
        case .voucher: self.overpayment = .creditAsVoucher(limit: try section.money("voucher_limit") ?? .yuan(100))
        }
    }
}

/// `[devices.<role>]`: which profile and where the device is.
public struct DeviceSettings: Sendable, Hashable {
    /// The profile id (file name without `.yaml`).
    public var profile: String
    /// A device path (`/dev/onetrip/idCardReader`, `/dev/usb/lp0`), for serial and USB devices.
    public var path: String?
    /// A host, for network devices.
    public var host: String?
    /// A TCP port overriding the profile's.
    public var port: Int?
    /// The CUPS server (socket path or host:port), for the certificate printer.
    public var cupsServer: String?
    /// The CUPS queue overriding the profile's.
    public var queue: String?

    static let tableNames: [String: DeviceRole] = [
        "id_card_reader": .idCardReader, "receipt_printer": .receiptPrinter, "certificate_printer": .certificatePrinter,
        "bill_validator": .billValidator, "payment_code_scanner": .paymentCodeScanner,
    ]

    static func all(_ section: ConfigurationSection) throws(ConfigurationError) -> [DeviceRole: DeviceSettings] {
        try section.rejectUnknownKeys(Set(Self.tableNames.keys))
        var result: [DeviceRole: DeviceSettings] = [:]
        for (name, role) in Self.tableNames {
            let device = section.section(name)
            guard device.isPresent else { continue }
            try device.rejectUnknownKeys(["profile", "path", "host", "port", "cups_server", "queue"])
            let settings = DeviceSettings(
                profile: try device.requiredString("profile"), path: try device.string("path"), host: try device.string("host"),
                port: try device.integer("port", in: 1...65535), cupsServer: try device.string("cups_server"), queue: try device.string("queue"))
            if settings.path != nil, settings.host != nil {
                throw device.error("host", "give either path (serial/USB) or host (network), not both")
            }
            result[role] = settings
        }
        return result
    }
}

/// `[records]`: the department records source.
public struct RecordsSettings: Sendable {
    /// The provider.
    public enum Provider: String, CaseIterable, Sendable { case embedded, gateway }
    /// Which provider.
    public var provider: Provider
    /// The gateway's base URL (https), for `gateway`.
    public var gatewayURL: String?
    /// The file with the kiosk's gateway signing key.
    public var gatewayKeyFile: String?
    /// A CA certificate (PEM) to trust for the gateway instead of the system's roots.
    public var caFile: String?
    /// Per-request deadline.
    public var timeout: Duration
    /// Retries of a failed request.
    public var retries: Int

    init(_ section: ConfigurationSection, kiosk: KioskSettings) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["provider", "gateway_url", "gateway_key_file", "ca_file", "timeout", "retries"])
        self.provider = try section.choice("provider", as: Provider.self) ?? .embedded
        self.gatewayURL = try section.string("gateway_url")
        self.gatewayKeyFile = try section.string("gateway_key_file")
        self.caFile = try section.string("ca_file")
        self.timeout = try section.duration("timeout", in: .milliseconds(100)...(.seconds(60))) ?? .seconds(8)
        self.retries = try section.integer("retries", in: 0...5) ?? 2
        if self.provider == .gateway {
            guard let url = self.gatewayURL else { throw section.error("gateway_url", "required when provider = \"gateway\"") }
            guard url.hasPrefix("https://") || url.hasPrefix("http://127.0.0.1") || url.hasPrefix("http://localhost") else {
                throw section.error("gateway_url", "'\(url)' must be https (plain http only on loopback)")
            }
            guard self.gatewayKeyFile != nil else { throw section.error("gateway_key_file", "required when provider = \"gateway\" (requests are signed)") }
        }
    }
}

/// `[payment]`: the payment-code provider.
public struct PaymentSettings: Sendable {
    /// The provider's base URL, or `nil` when payment codes are not offered.
    public var providerURL: String?
    /// The merchant key file for request signing.
    public var keyFile: String?
    /// How long to keep querying a "user is paying" payment.
    public var queryDeadline: Duration

    init(_ section: ConfigurationSection) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["provider_url", "key_file", "query_deadline"])
        self.providerURL = try section.string("provider_url")
        self.keyFile = try section.string("key_file")
        self.queryDeadline = try section.duration("query_deadline", in: .seconds(5)...(.seconds(120))) ?? .seconds(45)
    }
}

/// `[uplink]`: uploads to the back office.
public struct UplinkSettings: Sendable {
    /// The back office base URL, or `nil` to keep everything local.
    public var url: String?
    /// The HMAC key file.
    public var keyFile: String?
    /// A CA certificate to trust for the back office (PEM).
    public var caFile: String?
    /// Records per batch.
    public var batchSize: Int

    init(_ section: ConfigurationSection) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["url", "key_file", "ca_file", "batch_size"])
        self.url = try section.string("url")
        self.keyFile = try section.string("key_file")
        self.caFile = try section.string("ca_file")
        self.batchSize = try section.integer("batch_size", in: 1...5000) ?? 200
        if self.url != nil, self.keyFile == nil { throw section.error("key_file", "required when url is set (uploads are signed)") }
    }
}

/// `[sockets]`: the local control API and screen sockets.
public struct SocketSettings: Sendable {
    /// The control API socket (root and the `onetrip` group may connect).
    public var control: String
    /// The screen socket the terminal UI connects to.
    public var screen: String
    /// The group given access to the control socket.
    public var group: String?

    init(_ section: ConfigurationSection) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["control", "screen", "group"])
        self.control = try section.string("control") ?? "/run/onetrip/control.sock"
        self.screen = try section.string("screen") ?? "/run/onetrip/screen.sock"
        self.group = try section.string("group") ?? "onetrip"
    }
}

/// `[privacy]`: keys for keyed hashes and how long records stay.
public struct PrivacySettings: Sendable {
    /// The secret for citizen keys (keyed hashes of ID numbers); created if missing.
    public var citizenKeyFile: String
    /// How long acknowledged journal rows are kept.
    public var retention: Duration

    init(_ section: ConfigurationSection, kiosk: KioskSettings) throws(ConfigurationError) {
        try section.rejectUnknownKeys(["citizen_key_file", "retention"])
        self.citizenKeyFile = try section.string("citizen_key_file") ?? "\(kiosk.dataDirectory)/citizen.key"
        self.retention = try section.duration("retention", in: .seconds(86400)...(.seconds(3650 * 86400))) ?? .seconds(180 * 86400)
    }
}
