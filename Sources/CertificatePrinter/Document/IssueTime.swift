import KioskCore

/// The moment a proof is issued, in whole seconds since the Unix epoch, printed in China
/// Standard Time (UTC+8, no daylight saving) whatever the kiosk's time zone setting.
public struct IssueTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64

    /// Creates a time.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The current wall-clock time.
    public static func now() -> IssueTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return IssueTime(secondsSinceEpoch: Int64(spec.tv_sec))
    }

    static let chinaOffset: Int64 = 8 * 3600

    /// The calendar date in China.
    public var chinaDate: CalendarDate {
        let local = self.secondsSinceEpoch + Self.chinaOffset
        return CalendarDate(daysSinceEpoch: Int(local >= 0 ? local / 86400 : (local - 86399) / 86400))
    }

    /// `2026-03-01 10:23:45` in China Standard Time.
    public var chinaDateTime: String {
        let local = self.secondsSinceEpoch + Self.chinaOffset
        let seconds = Int(((local % 86400) + 86400) % 86400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(self.chinaDate) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    public var description: String { "\(self.chinaDateTime) UTC+8" }

    public static func < (lhs: IssueTime, rhs: IssueTime) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}

#if canImport(Glibc)
import Glibc
#endif
