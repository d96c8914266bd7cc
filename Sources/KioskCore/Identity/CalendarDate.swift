import Foundation

/// A day in the proleptic Gregorian calendar, without a time or a time zone.
///
/// ID cards, validity periods and contribution months are all calendar days; using a plain
/// value instead of `Date` keeps the domain free of time-zone mistakes (a card that expires
/// "today" in Beijing must not expire "yesterday" on a UTC machine).
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, for example 1987.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31 depending on the month.
    public let day: Int

    /// Creates a date, or returns `nil` when the combination is not a real day (`2023-02-29`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the eight-digit `YYYYMMDD` form used on ID cards and in GB 11643 numbers.
    public init?(yyyymmdd text: some StringProtocol) {
        let digits = Array(text.utf8)
        guard digits.count == 8, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ range: Range<Int>) -> Int {
            digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// The `YYYYMMDD` form, as printed on cards.
    public var yyyymmdd: String {
        Self.pad(self.year, 4) + Self.pad(self.month, 2) + Self.pad(self.day, 2)
    }

    /// ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        Self.pad(self.year, 4) + "-" + Self.pad(self.month, 2) + "-" + Self.pad(self.day, 2)
    }

    /// Number of days since 1970-01-01 (negative before), for date arithmetic.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = self.month <= 2 ? self.year - 1 : self.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = self.month
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + self.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Creates the date that lies `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `count` days later (or earlier, for a negative count).
    public func adding(days count: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: self.daysSinceEpoch + count)
    }

    /// Whole years between `self` (a birth date) and `date`, as used for age checks.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - self.year
        if (date.month, date.day) < (self.month, self.day) { years -= 1 }
        return years
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let compact = text.replacingOccurrences(of: "-", with: "")
        guard let date = CalendarDate(yyyymmdd: compact) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a calendar date (expected YYYY-MM-DD)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
