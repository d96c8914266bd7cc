/// An amount of renminbi in fen (1 yuan = 100 fen), stored as an integer.
///
/// Money never touches floating point: fees, banknote values, payment amounts and totals are
/// all whole fen. Formatting gives `¥12.50`; parsing accepts `12.5`, `12.50` and `¥12`.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from fen.
    public init(fen: Int64) { self.fen = fen }

    /// Creates an amount from whole yuan.
    public static func yuan(_ yuan: Int64) -> Money { Money(fen: yuan * 100) }

    /// No money.
    public static let zero = Money(fen: 0)

    /// Whether the amount is zero.
    public var isZero: Bool { self.fen == 0 }

    /// Parses a decimal yuan amount with at most two decimals: `12`, `12.5`, `12.50`, `¥12.50`,
    /// `￥0.05`, `-3.00`. Returns `nil` for anything else (three decimals, letters, empty).
    public init?(yuanText text: String) {
        var rest = Substring(text.trimmingASCIIWhitespace())
        var negative = false
        if rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        if rest.first == "¥" || rest.first == "￥" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole.count <= 15
        else { return nil }
        var fen = Int64(whole)! * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            let value = Int64(fraction)!
            fen += fraction.count == 1 ? value * 10 : value
        }
        self.fen = negative ? -fen : fen
    }

    /// `¥12.50`, `-¥3.00`.
    public var description: String { self.formatted(symbol: "¥") }

    /// The amount with a chosen currency symbol, for printers whose character set lacks `¥`
    /// (a GB18030 receipt printer prints `￥`, U+FFE5, as a two-byte code).
    public func formatted(symbol: String) -> String {
        let magnitude = self.fen.magnitude
        let yuan = magnitude / 100
        let cents = magnitude % 100
        let sign = self.fen < 0 ? "-" : ""
        return "\(sign)\(symbol)\(yuan).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount as a plain decimal string with two places (`12.50`), as payment APIs want.
    public var decimalString: String { self.formatted(symbol: "") }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    /// Multiplies an amount by a count (for example a fee times copies).
    public static func * (lhs: Money, rhs: Int) -> Money { Money(fen: lhs.fen * Int64(rhs)) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let fen = try? container.decode(Int64.self) {
            self.fen = fen
            return
        }
        let text = try container.decode(String.self)
        guard let money = Money(yuanText: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an amount in yuan (e.g. \"12.50\")")
        }
        self = money
    }

    /// Encodes as a yuan string (`"12.50"`), which reads well in JSON and never rounds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.decimalString)
    }
}

extension Sequence where Element == Money {
    /// The sum of the amounts.
    public func sum() -> Money { self.reduce(.zero, +) }
}
