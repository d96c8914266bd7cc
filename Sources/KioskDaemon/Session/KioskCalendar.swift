import Foundation
import KioskCore

/// Turns the wall clock into the kiosk's local calendar day (card validity is judged in the
/// kiosk's time zone, Asia/Shanghai for a Chinese kiosk, whatever the machine's TZ says).
public struct KioskCalendar: Sendable {
    /// The time zone.
    public let timeZone: TimeZone

    /// Creates a calendar for a time zone identifier.
    /// - Returns: `nil` for an unknown identifier.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.timeZone = zone
    }

    /// The calendar day of a moment.
    public func day(of date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
