import Foundation

/// Turns instants into local calendar days (`2026-11-26`), caching the current day's bounds so
/// the hot path (one call per journal entry) does no calendar arithmetic.
struct DayFormatter {
    private let calendar: Calendar
    private var cached: (start: Int64, end: Int64, text: String)?

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The day of an instant in milliseconds since the epoch.
    mutating func day(_ milliseconds: Int64) -> String {
        if let cached = self.cached, milliseconds >= cached.start, milliseconds < cached.end { return cached.text }
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let start = self.calendar.startOfDay(for: date)
        let end = self.calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        let parts = self.calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        self.cached = (Int64(start.timeIntervalSince1970 * 1000), Int64(end.timeIntervalSince1970 * 1000), text)
        return text
    }
}
