/// One thing a citizen can do at the kiosk, as listed in the service catalogue
/// (`seeds/services.json`).
public struct Service: Hashable, Sendable, Codable, Identifiable {
    /// What the service produces.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Prints a signed A4 proof (证明).
        case proof
        /// Takes a payment (fine, fee) and prints a receipt.
        case payment
        /// Shows information on screen, optionally printing a slip.
        case lookup
    }

    /// The service's stable code, for example `social-insurance-proof`.
    public var code: ServiceCode
    /// The name on the menu.
    public var name: LocalizedText
    /// One line telling the citizen what they get.
    public var summary: LocalizedText
    /// What the service produces.
    public var kind: Kind
    /// What it costs.
    public var fee: FeeRule
    /// Devices without which the service cannot run (the ID card reader is always needed).
    public var requiredDevices: [DeviceRole]
    /// Ways to pay, for services that cost money; at least one must be usable.
    public var paymentMethods: [PaymentMethod]
    /// The certificate template, for proofs.
    public var document: DocumentTemplate?
    /// Where the citizen's records come from.
    public var records: RecordsSource
    /// Whether a receipt is printed at the end.
    public var printsReceipt: Bool

    public var id: ServiceCode { self.code }

    /// Creates a service entry.
    public init(
        code: ServiceCode, name: LocalizedText, summary: LocalizedText, kind: Kind, fee: FeeRule,
        requiredDevices: [DeviceRole], paymentMethods: [PaymentMethod] = [], document: DocumentTemplate? = nil,
        records: RecordsSource, printsReceipt: Bool
    ) {
        self.code = code
        self.name = name
        self.summary = summary
        self.kind = kind
        self.fee = fee
        self.requiredDevices = requiredDevices
        self.paymentMethods = paymentMethods
        self.document = document
        self.records = records
        self.printsReceipt = printsReceipt
    }

    /// Every device role the service may touch (required ones, plus the receipt printer when it
    /// prints a receipt).
    public var devicesNeeded: Set<DeviceRole> {
        var roles = Set(self.requiredDevices)
        roles.insert(.idCardReader)
        if self.printsReceipt { roles.insert(.receiptPrinter) }
        if self.kind == .proof { roles.insert(.certificatePrinter) }
        return roles
    }

    /// Whether the service can run with the given device usability, and if not, why.
    /// A role missing from `usability` counts as unusable.
    public func availability(_ usability: [DeviceRole: DeviceUsability]) -> ServiceAvailability {
        var reasons: [LocalizedText] = []
        for role in self.devicesNeeded.sorted(by: { $0.rawValue < $1.rawValue }) {
            switch usability[role] ?? .unusable(role.notInstalled) {
            case .usable: continue
            case .unusable(let reason): reasons.append(reason)
            }
        }
        let methods = self.usablePaymentMethods(usability)
        if self.fee.mayCharge, methods.isEmpty {
            reasons.append(LocalizedText(zh: "暂不能收费", en: "Payment is not available"))
        }
        return reasons.isEmpty ? .available : .unavailable(reasons)
    }

    /// The payment methods whose devices are usable.
    public func usablePaymentMethods(_ usability: [DeviceRole: DeviceUsability]) -> [PaymentMethod] {
        self.paymentMethods.filter { (usability[$0.device] ?? .unusable(.init(verbatim: ""))).isUsable }
    }
}

extension DeviceRole {
    /// The citizen-facing reason for a role nobody reported on.
    var notInstalled: LocalizedText {
        LocalizedText(zh: "\(self.name.zh)暂不可用", en: "\(self.name.en) unavailable")
    }
}

/// Whether a service can be offered right now.
public enum ServiceAvailability: Hashable, Sendable {
    /// All its devices work.
    case available
    /// Something it needs is out of order; the reasons are for citizens.
    case unavailable([LocalizedText])

    /// Whether the service can be offered.
    public var isAvailable: Bool { self == .available }
}

/// The stable code of a service (`social-insurance-proof`).
public struct ServiceCode: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }
    public var description: String { self.rawValue }
    public static func < (lhs: ServiceCode, rhs: ServiceCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
