import KioskCore

/// Turns terminal input into what it means on the screen shown: a touch on a button, a keypad
/// digit, Enter (the primary button), Escape (cancel), `*` (language). Anything else, and any
/// input while no session screen shows, means nothing.
///
/// A touch selects on release, over the button it pressed (sliding off cancels), as touch
/// screens do; while a finger is down the button is drawn pressed. After a choice is sent,
/// further choices wait for the next screen (or ``choiceHoldOff``), so a double tap cannot
/// select on the next screen a button the citizen never saw.
public struct ScreenInputRecognizer: Sendable {
    /// The target under a finger that is down, if any.
    public private(set) var pressed: HitRegion.Target?
    private var lastChoiceAt: Duration?

    /// How long choices are held off after one is sent when no new screen arrives.
    public static let choiceHoldOff: Duration = .seconds(1)

    /// Keys that switch the language: `*` on a numeric keypad, `L` on a keyboard.
    public static let languageKeys: Set<Character> = ["*", "l", "L"]

    /// Creates a recognizer.
    public init() {}

    /// A new screen is shown: any press in progress and the hold-off end.
    public mutating func screenChanged() {
        self.pressed = nil
        self.lastChoiceAt = nil
    }

    /// What an input means on the screen shown.
    /// - Parameters:
    ///   - screen: the session screen shown, or nil (blank, connecting: input means nothing).
    ///   - frame: its layout, for touch positions.
    ///   - now: a monotonic time, for the hold-off.
    public mutating func recognize(_ input: TerminalInput, screen: Screen?, frame: ScreenFrame, now: Duration) -> ScreenInput? {
        guard let screen else {
            self.pressed = nil
            return nil
        }
        switch input {
        case .character(let character) where Self.languageKeys.contains(character):
            return .languageToggled
        case .character(let character):
            return self.choose(screen.choice(forKey: String(character)), now: now)
        case .enter:
            return self.choose(screen.choice(forKey: "enter"), now: now)
        case .escape:
            return self.choose(screen.choice(forKey: "escape"), now: now)
        case .mouse(let report) where report.button == .primary:
            return self.touch(report, screen: screen, frame: frame, now: now)
        case .mouse, .ignored:
            return nil
        }
    }

    private mutating func touch(_ report: MouseReport, screen: Screen, frame: ScreenFrame, now: Duration) -> ScreenInput? {
        let target = frame.target(row: report.row, column: report.column)
        if report.isMotion {
            if target != self.pressed { self.pressed = nil }
            return nil
        }
        if report.isPress {
            self.pressed = target
            return nil
        }
        defer { self.pressed = nil }
        guard let target, target == self.pressed else { return nil }
        switch target {
        case .language:
            return .languageToggled
        case .choice(let id):
            return self.choose(screen.choices.first { $0.id == id }, now: now)
        }
    }

    private mutating func choose(_ choice: ScreenChoice?, now: Duration) -> ScreenInput? {
        guard let choice else { return nil }
        if let last = self.lastChoiceAt, now - last < Self.choiceHoldOff { return nil }
        self.lastChoiceAt = now
        return .choiceSelected(choice.id)
    }
}
