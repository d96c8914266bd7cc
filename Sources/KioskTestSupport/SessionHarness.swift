import KioskCore

/// Drives a ``KioskSession`` with a fake clock: tests send events, advance time and inspect the
/// actions, without threads or sleeps.
public struct SessionHarness {
    /// The machine under test.
    public var session: KioskSession
    /// The fake "now".
    public var now: KioskTime
    /// Every action returned so far, in order.
    public private(set) var log: [SessionAction] = []

    /// Creates a harness on the shipped catalogue with every device usable.
    public init(
        catalogue: ServiceCatalogue, isOneSwipe: Bool = true, usability: [DeviceRole: DeviceUsability] = SessionHarness.allUsable,
        overpayment: OverpaymentPolicy = .creditAsVoucher(limit: .yuan(100)),
        today: CalendarDate = CalendarDate(year: 2026, month: 11, day: 26)!
    ) {
        let configuration = SessionConfiguration(
            kioskID: "TEST-01", catalogue: catalogue, isOneSwipe: isOneSwipe, overpayment: overpayment)
        self.session = KioskSession(configuration: configuration, usability: usability)
        self.now = KioskTime(uptime: .seconds(1000), today: today)
        self.log = self.session.start(at: self.now)
    }

    /// Every role usable.
    public static var allUsable: [DeviceRole: DeviceUsability] {
        Dictionary(uniqueKeysWithValues: DeviceRole.allCases.map { ($0, .usable) })
    }

    /// Sends an event and returns the actions.
    @discardableResult
    public mutating func send(_ event: SessionEvent) -> [SessionAction] {
        let actions = self.session.handle(event, at: self.now)
        self.log += actions
        return actions
    }

    /// Moves the clock and ticks.
    @discardableResult
    public mutating func advance(by duration: Duration) -> [SessionAction] {
        self.now = self.now.advanced(by: duration)
        return self.send(.tick)
    }

    /// The current screen.
    public var screen: Screen { self.session.screen(at: self.now) }

    /// The state.
    public var state: KioskSession.State { self.session.state }
}

extension SessionAction {
    /// The records request, if this is one.
    public var recordsRequest: RecordsRequest? {
        if case .fetchRecords(let request) = self { return request }
        return nil
    }

    /// The journal entry, if this is one.
    public var journalEntry: JournalEntry? {
        if case .journal(let entry) = self { return entry }
        return nil
    }

    /// The screen, if this is a `.show`.
    public var shownScreen: Screen? {
        if case .show(let screen) = self { return screen }
        return nil
    }
}

extension Array where Element == SessionAction {
    /// The journal events among these actions.
    public var journalEvents: [JournalEntry.Event] { self.compactMap { $0.journalEntry?.event } }
    /// The first records request among these actions.
    public var recordsRequest: RecordsRequest? { self.lazy.compactMap(\.recordsRequest).first }
}
