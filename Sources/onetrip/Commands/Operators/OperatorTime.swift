import ArgumentParser
import Foundation

/// Times as operators type them and read them, in the kiosk's time zone.
///
/// Accepted: `2026-11-26` (the day: its start as a lower bound, its end as an upper bound),
/// `2026-11-26 14:00`, `2026-11-26T14:00:05`, with `Z` or `+08:00` for another zone, `today`,
/// `yesterday`, `now`, and ages `90s`, `30m`, `2h`, `7d` (that long ago).
struct OperatorTime {
    /// The kiosk's time zone.
    let timeZone: TimeZone
    /// "Now", for ages and `today`.
    let now: Date

    /// Creates the value.
    init(timeZone: TimeZone, now: Date = Date()) {
        self.timeZone = timeZone
        self.now = now
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        return calendar
    }

    /// Which end of a range a time bounds: a bare day starts a range at its first instant and
    /// ends it after its last.
    enum Bound {
        case lower, upper
    }

    /// Parses an option's value.
    /// - Throws: a `ValidationError` naming the option and the accepted forms.
    func parse(_ text: String, option: String, as bound: Bound) throws -> Date {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let date = self.parseOrNil(value, as: bound) { return date }
        throw ValidationError(
            "\(option) '\(text)' is not a time: use 2026-11-26 (the whole day), '2026-11-26 14:00', 2026-11-26T14:00:05+08:00, "
                + "today, yesterday, now, or an age like 30m, 2h, 7d")
    }

    private func parseOrNil(_ value: String, as bound: Bound) -> Date? {
        switch value.lowercased() {
        case "now": return self.now
        case "today": return self.day(containing: self.now, bound: bound)
        case "yesterday":
            return self.calendar.date(byAdding: .day, value: -1, to: self.now).map { self.day(containing: $0, bound: bound) }
        default: break
        }
        if let age = Self.age(value) { return self.now.addingTimeInterval(-age) }
        if let day = self.day(value) {
            return bound == .lower ? day : self.calendar.date(byAdding: .day, value: 1, to: day)
        }
        return self.instant(value)
    }

    /// `90s`, `30m`, `2h`, `7d` in seconds.
    private static func age(_ value: String) -> TimeInterval? {
        guard let unit = value.last, let amount = Double(value.dropLast()), amount >= 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        default: return nil
        }
    }

    /// The start of a `yyyy-MM-dd` day.
    func day(_ value: String) -> Date? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = self.calendar.date(from: components), self.calendar.dateComponents([.year, .month, .day], from: date) == components else {
            return nil
        }
        return date
    }

    private func day(containing date: Date, bound: Bound) -> Date {
        let start = self.calendar.startOfDay(for: date)
        return bound == .lower ? start : self.calendar.date(byAdding: .day, value: 1, to: start) ?? start
    }

    /// `2026-11-26 14:00[:05]` or with `T`, local unless it carries `Z` or an offset.
    private func instant(_ value: String) -> Date? {
        let normalised = value.replacingOccurrences(of: " ", with: "T")
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: normalised) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = self.timeZone
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: normalised) { return date }
        }
        return nil
    }

    /// `2026-11-26 14:03:07` in the kiosk's time zone.
    func local(_ date: Date) -> String {
        let parts = self.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
    }

    /// `2026-11-26T14:03:07+08:00`: for CSV and JSON, unambiguous and still local.
    func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = self.timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The day (`2026-11-26`) a date falls on.
    func dayText(_ date: Date) -> String { String(self.local(date).prefix(10)) }

    /// `3 d 4 h`, `12 min`, `40 s`: how long, in words a person reads at a glance.
    static func span(_ seconds: Double) -> String {
        let total = Int(max(0, seconds))
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        if days > 0 { return "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes) min" }
        if minutes > 0 { return "\(minutes) min" }
        return "\(total) s"
    }

    /// `2026-11-26 14:03:07 (12 min ago)`.
    func withAge(_ date: Date) -> String {
        "\(self.local(date)) (\(Self.span(self.now.timeIntervalSince(date))) ago)"
    }
}
