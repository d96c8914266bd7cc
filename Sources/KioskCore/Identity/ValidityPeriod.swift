import Foundation

/// The validity printed on a card: a start day and either an end day or 长期 (long-term,
/// issued to citizens over 46 and never expiring).
///
/// Source: shared/research/idcard-sam-protocol.md §3.2 (qiwenming README: "长期").
public struct ValidityPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The end of a validity period.
    public enum End: Hashable, Sendable {
        /// Valid through this day (inclusive).
        case date(CalendarDate)
        /// 长期: no end.
        case longTerm
    }

    /// First day of validity.
    public let start: CalendarDate
    /// Last day of validity, or long-term.
    public let end: End

    /// Creates a validity period.
    public init(start: CalendarDate, end: End) {
        self.start = start
        self.end = end
    }

    /// Parses the card fields: an eight-digit start and an eight-digit end or `长期`.
    public init?(startText: String, endText: String) {
        guard let start = CalendarDate(yyyymmdd: startText.trimmingASCIIWhitespace()) else { return nil }
        let endTrimmed = endText.trimmingASCIIWhitespace()
        if endTrimmed == "长期" {
            self.init(start: start, end: .longTerm)
        } else if let end = CalendarDate(yyyymmdd: endTrimmed), end >= start {
            self.init(start: start, end: .date(end))
        } else {
            return nil
        }
    }

    /// Whether the card is valid on `day`: started, and not past its end.
    public func contains(_ day: CalendarDate) -> Bool {
        guard day >= self.start else { return false }
        switch self.end {
        case .longTerm: return true
        case .date(let end): return day <= end
        }
    }

    /// Whether the card expired before `day`.
    public func hasExpired(on day: CalendarDate) -> Bool {
        if case .date(let end) = self.end { return day > end }
        return false
    }

    public var description: String {
        switch self.end {
        case .longTerm: "\(self.start)–长期"
        case .date(let end): "\(self.start)–\(end)"
        }
    }
}

extension ValidityPeriod.End: Codable {
    /// Decodes `"长期"` or a date (`"2036-05-01"` or `"20360501"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if text == "长期" {
            self = .longTerm
        } else if let date = CalendarDate(yyyymmdd: text.replacingOccurrences(of: "-", with: "")) {
            self = .date(date)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is neither 长期 nor a date")
        }
    }

    /// Encodes `"长期"` or `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .longTerm: try container.encode("长期")
        case .date(let date): try container.encode(date.description)
        }
    }
}
