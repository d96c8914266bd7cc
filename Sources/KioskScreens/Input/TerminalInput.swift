/// One thing the citizen did at the terminal, decoded from its input bytes.
public enum TerminalInput: Hashable, Sendable {
    /// A printable character (digits from a keypad, `*`, letters from a keyboard).
    case character(Character)
    /// Enter (CR or LF, or the keypad's Enter in application mode).
    case enter
    /// Escape pressed on its own.
    case escape
    /// A mouse or touch report.
    case mouse(MouseReport)
    /// A sequence the kiosk has no use for (arrows, function keys, …), dropped.
    case ignored
}

/// A mouse report (xterm SGR 1006 or the older X10 encoding), converted to zero-based cells.
public struct MouseReport: Hashable, Sendable {
    /// Which button.
    public enum Button: Hashable, Sendable {
        /// The left button: what a touch panel reports for a tap.
        case primary
        /// Middle, right, wheel or any other.
        case other
    }

    /// Which button.
    public var button: Button
    /// True for a press, false for a release.
    public var isPress: Bool
    /// Whether the pointer moved with the button held (a drag report).
    public var isMotion: Bool
    /// Zero-based row.
    public var row: Int
    /// Zero-based column.
    public var column: Int

    /// Creates a report.
    public init(button: Button, isPress: Bool, isMotion: Bool = false, row: Int, column: Int) {
        self.button = button
        self.isPress = isPress
        self.isMotion = isMotion
        self.row = row
        self.column = column
    }
}
