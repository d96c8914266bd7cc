import COneTripNcursesw

#if canImport(Glibc)
import Glibc
#endif

/// The kiosk's terminal, driven through ncursesw: draws ``ScreenFrame``s and hands back the raw
/// input bytes (decoded by ``TerminalInputDecoder``, not by ncurses, so touch reports work the
/// same on every terminal).
///
/// Set-up: a UTF-8 locale (the environment's, else `C.UTF-8`), raw mode (a keyboard's Ctrl-C
/// cannot stop the kiosk; the supervisor's SIGTERM does), no echo, no cursor, colours when the
/// terminal has them, and xterm mouse reporting (with SGR 1006 coordinates) when its terminfo
/// entry has a mouse (`kmous`). Not Sendable: one thread owns it.
public final class CursesTerminal {
    /// What the terminal can do.
    public struct Capabilities: Hashable, Sendable {
        /// Colours are in use (else bold/reverse only).
        public var hasColours: Bool
        /// Mouse (touch) reports are enabled.
        public var hasMouse: Bool
    }

    /// What the terminal can do.
    public let capabilities: Capabilities
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let output: UnsafeMutablePointer<FILE>
    private let palette: CursesPalette
    private var isClosed = false

    /// SGR extended mouse coordinates on (xterm ctlseqs, "Extended coordinates", mode 1006).
    static let sgrMouseOn = "\u{1B}[?1006h"
    /// SGR extended mouse coordinates off.
    static let sgrMouseOff = "\u{1B}[?1006l"

    /// Takes over the terminal on standard input and output.
    /// - Throws: ``KioskDisplayError`` when there is no UTF-8 locale or the terminal type is unknown.
    public init() throws(KioskDisplayError) {
        setlocale(LC_ALL, "")
        if String(cString: onetrip_locale_codeset()) != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
            guard String(cString: onetrip_locale_codeset()) == "UTF-8" else { throw .noUTF8Locale }
        }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw .terminalUnavailable(errno: errno)
        }
        guard let screen = newterm(nil, output, input) else {
            throw .unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        guard let window = onetrip_curses_stdscr() else { throw .terminalUnavailable(errno: 0) }
        self.screen = screen
        self.window = window
        self.output = output
        raw()
        noecho()
        nonl()
        keypad(window, false)
        nodelay(window, true)
        leaveok(window, true)
        curs_set(0)
        self.palette = CursesPalette(terminalHasColours: has_colors())
        let hasMouse = mousemask(onetrip_curses_touch_mask(), nil) != 0
        self.capabilities = Capabilities(hasColours: self.palette.usesColour, hasMouse: hasMouse)
        if self.palette.usesColour {
            onetrip_curses_set_background(window, self.palette.attributes(.body).attributes)
        }
        wrefresh(window)
        if hasMouse { self.writeDirectly(Self.sgrMouseOn) }
    }

    deinit { self.close() }

    /// The terminal's size now (ncurses updates it when the terminal is resized).
    public var size: TerminalSize {
        TerminalSize(columns: Int(onetrip_curses_columns()), rows: Int(onetrip_curses_rows()))
    }

    /// Takes the terminal's new size after SIGWINCH (ncurses' own SIGWINCH handler is not used:
    /// ``SignalPipe`` installs the process's handlers before ncurses starts).
    public func adoptNewSize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard onetrip_terminal_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0 else { return }
        resizeterm(rows, columns)
    }

    /// Replaces everything on the terminal with the frame.
    /// - Parameter repaint: clear the physical screen first (after a resize, or to make sure
    ///   nothing of the previous citizen's screen survives a glitch).
    public func draw(_ frame: ScreenFrame, repaint: Bool = false) {
        werase(self.window)
        if repaint { clearok(self.window, true) }
        for fill in frame.fills {
            self.setStyle(fill.style)
            let blanks = [wchar_t](repeating: wchar_t(UInt8(ascii: " ")), count: fill.rect.width) + [0]
            for row in fill.rect.row..<(fill.rect.row + fill.rect.height) {
                _ = mvwaddnwstr(self.window, Int32(row), Int32(fill.rect.column), blanks, Int32(fill.rect.width))
            }
        }
        for text in frame.texts {
            self.setStyle(text.style)
            let characters = text.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            _ = mvwaddnwstr(self.window, Int32(text.row), Int32(text.column), characters, Int32(characters.count - 1))
        }
        wnoutrefresh(self.window)
        doupdate()
    }

    /// Bytes typed or reported since the last call, and whether the terminal was resized.
    public func readInput() -> (bytes: [UInt8], resized: Bool) {
        var bytes: [UInt8] = []
        var resized = false
        while true {
            let key = wgetch(self.window)
            if key == onetrip_curses_err() { break }
            if key == onetrip_curses_key_resize() {
                resized = true
            } else if (0...255).contains(key) {
                bytes.append(UInt8(key))
            }
            if bytes.count >= 4096 { break }
        }
        return (bytes, resized)
    }

    /// Gives the terminal back: mouse reporting off, cursor and modes restored.
    public func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        if self.capabilities.hasMouse {
            self.writeDirectly(Self.sgrMouseOff)
            mousemask(0, nil)
        }
        endwin()
        delscreen(self.screen)
    }

    private func setStyle(_ style: CellStyle) {
        let (attributes, pair) = self.palette.attributes(style)
        _ = onetrip_curses_set_attributes(self.window, attributes, pair)
    }

    /// Writes a control sequence after ncurses' own output is flushed.
    private func writeDirectly(_ sequence: String) {
        fflush(self.output)
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
