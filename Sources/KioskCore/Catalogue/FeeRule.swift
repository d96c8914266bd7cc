/// What a service costs.
public enum FeeRule: Hashable, Sendable, Codable {
    /// Nothing (proofs under the "at most one trip" reform are free).
    case free
    /// A fixed amount.
    case fixed(Money)
    /// The amount the citizen's records say is due (unpaid fines, an endorsement fee).
    case fromRecords

    /// Whether the service may ask for money.
    public var mayCharge: Bool {
        switch self {
        case .free: false
        case .fixed(let amount): !amount.isZero
        case .fromRecords: true
        }
    }

    /// The amount due given the citizen's records.
    public func amountDue(for records: CitizenRecords?) -> Money {
        switch self {
        case .free: .zero
        case .fixed(let amount): amount
        case .fromRecords: records?.amountDue ?? .zero
        }
    }

    private enum CodingKeys: String, CodingKey { case rule, amount }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rule = try container.decode(String.self, forKey: .rule)
        switch rule {
        case "free": self = .free
        case "fixed": self = .fixed(try container.decode(Money.self, forKey: .amount))
        case "records": self = .fromRecords
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .rule, in: container, debugDescription: "fee rule '\(rule)' is not free, fixed or records")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .free: try container.encode("free", forKey: .rule)
        case .fixed(let amount):
            try container.encode("fixed", forKey: .rule)
            try container.encode(amount, forKey: .amount)
        case .fromRecords: try container.encode("records", forKey: .rule)
        }
    }
}
