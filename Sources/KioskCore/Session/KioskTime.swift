/// The time as the session sees it: a monotonic uptime for deadlines and the local calendar day
/// for card validity. The session never reads a clock; its owner passes this in with every event.
public struct KioskTime: Hashable, Sendable, Comparable {
    /// Time since the owner started, from a monotonic clock (never jumps when NTP steps).
    public var uptime: Duration
    /// Today's date in the kiosk's time zone (Asia/Shanghai for a Chinese kiosk).
    public var today: CalendarDate

    /// Creates a time.
    public init(uptime: Duration, today: CalendarDate) {
        self.uptime = uptime
        self.today = today
    }

    /// The time `duration` later, on the same day (tests advance it).
    public func advanced(by duration: Duration) -> KioskTime {
        KioskTime(uptime: self.uptime + duration, today: self.today)
    }

    public static func < (lhs: KioskTime, rhs: KioskTime) -> Bool { lhs.uptime < rhs.uptime }
}
