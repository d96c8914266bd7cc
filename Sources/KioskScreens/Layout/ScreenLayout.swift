import KioskCore

/// Lays out a ``Screen`` on a terminal of a given size: a pure function from screen and size to
/// a ``ScreenFrame`` (fills, texts and touch regions), so every layout rule is testable without
/// a terminal.
///
/// From top to bottom:
/// - the **status line**: kiosk id at the left, date and time at the right, notices ("现金支付暂停")
///   between them;
/// - the **title band**: the title, bold on a coloured band 3 rows tall (5 on a large terminal),
///   with the countdown in a box at its left and the language button at its right; the attract
///   and out-of-service screens show the title in both languages;
/// - the **body**: label/value rows in a table, or centred messages; a progress bar;
/// - the **buttons**, anchored at the bottom: at least 3 rows tall (5 on a large terminal) and
///   at least 12 columns wide, framed, each showing its keypad digit.
///
/// A terminal cannot change its font size, so "large text" comes from the kiosk's terminal font
/// (docs/screens/README.md) and from this layout: few words, a bold title on a band, generous
/// spacing on large terminals, and buttons that are big touch targets.
public struct ScreenLayout: Sendable {
    /// The terminal size.
    public var size: TerminalSize
    /// Kiosk id and time for the status line.
    public var status: StatusInfo
    /// The target a finger is on (drawn pressed), if any.
    public var pressed: HitRegion.Target?
    /// Advances the indeterminate progress bar (the renderer bumps it once a second).
    public var animationPhase: Int
    /// Whether the language button shows (not on the screen process's own "please wait" screen,
    /// which no session answers).
    public var offersLanguage: Bool

    /// Creates a layout.
    public init(
        size: TerminalSize, status: StatusInfo, pressed: HitRegion.Target? = nil, animationPhase: Int = 0, offersLanguage: Bool = true
    ) {
        self.offersLanguage = offersLanguage
        self.size = size
        self.status = status
        self.pressed = pressed
        self.animationPhase = animationPhase
    }

    /// The frame for a screen; nil shows only the status line (a blank screen).
    public func frame(for screen: Screen?) -> ScreenFrame {
        var frame = ScreenFrame(size: self.size)
        guard self.size.columns >= TerminalSize.minimum.columns, self.size.rows >= TerminalSize.minimum.rows else {
            frame.writeCentered(ScreenWords.tooSmall, row: self.size.rows / 2, column: 0, width: self.size.columns, .warning)
            return frame
        }
        self.layOutStatusLine(screen, &frame)
        guard let screen else { return frame }
        let band = self.layOutTitleBand(screen, &frame)

        let bodyTop = band.row + band.height + 1
        let bottomMargin = self.size.rows >= 20 ? 1 : 0
        let content = self.contentColumns
        let body = self.bodyRows(screen, width: content.width)
        let bodyMinimum = min(body.rows.count, 3)
        let buttonSpace = self.size.rows - bottomMargin - bodyTop - bodyMinimum - (bodyMinimum > 0 ? 1 : 0)
        let plan = self.planButtons(screen, maximumHeight: buttonSpace)
        let buttonsTop = self.size.rows - bottomMargin - plan.height
        self.place(plan, top: max(bodyTop, buttonsTop), screen: screen, &frame)

        let bodyBottom = (plan.height > 0 ? buttonsTop - 1 : self.size.rows - bottomMargin)
        self.place(body, screen: screen, top: bodyTop, height: bodyBottom - bodyTop, left: content.left, width: content.width, &frame)
        return frame
    }

    /// Left column and width of the body (a centred column, at most ~100 columns wide).
    var contentColumns: (left: Int, width: Int) {
        let width = min(self.size.columns - 4, self.size.isLarge ? 110 : 96)
        return ((self.size.columns - width) / 2, width)
    }

    // MARK: Status line

    private func layOutStatusLine(_ screen: Screen?, _ frame: inout ScreenFrame) {
        let columns = self.size.columns
        frame.fill(CellRect(row: 0, column: 0, width: columns, height: 1), .status)
        let left = self.status.kioskID.map { " \(DisplayWidth.sanitized($0))" } ?? ""
        let right = "\(self.status.time) "
        let rightColumn = max(0, columns - DisplayWidth.of(right))
        frame.write(left, row: 0, column: 0, .status)
        frame.write(right, row: 0, column: rightColumn, .status)
        guard let screen, !screen.notices.isEmpty else { return }
        let start = DisplayWidth.of(left) + 2
        let room = rightColumn - 2 - start
        guard room >= 6 else { return }
        let notices = screen.notices.map { $0[screen.language] }.joined(separator: " · ")
        frame.write(" " + TextWrapper.truncated(notices, width: room - 2) + " ", row: 0, column: start, .statusNotice)
    }

    // MARK: Title band

    private func layOutTitleBand(_ screen: Screen, _ frame: inout ScreenFrame) -> CellRect {
        let isBilingual = screen.kind == .idle || screen.kind == .outOfService
        let height = (self.size.isLarge ? 5 : 3) + (isBilingual ? 1 : 0)
        let band = CellRect(row: 1, column: 0, width: self.size.columns, height: height)
        frame.fill(band, .titleBand)
        let boxRow = band.row + (height - 3) / 2

        var countdownWidth = 0
        if let seconds = screen.countdown {
            let text = ScreenWords.countdown(seconds)[screen.language]
            countdownWidth = DisplayWidth.of(text) + 4
            let box = CellRect(row: boxRow, column: 1, width: countdownWidth, height: 3)
            let style: CellStyle = seconds <= 10 ? .countdownUrgent : .countdown
            frame.fill(box, style)
            frame.writeCentered(text, row: boxRow + 1, column: box.column, width: box.width, style)
        }

        var languageWidth = 0
        if self.offersLanguage {
            let languageText = "\(ScreenWords.languageKey) \(ScreenWords.languageButton(current: screen.language))"
            languageWidth = DisplayWidth.of(languageText) + 4
            let languageBox = CellRect(row: boxRow, column: self.size.columns - 1 - languageWidth, width: languageWidth, height: 3)
            let languageStyle: CellStyle = self.pressed == .language ? .pressedButton : .languageButton
            frame.fill(languageBox, languageStyle)
            frame.writeCentered(languageText, row: boxRow + 1, column: languageBox.column, width: languageBox.width, languageStyle)
            frame.addRegion(HitRegion(rect: languageBox, target: .language))
        }

        let side = max(countdownWidth, languageWidth) + 2
        let titleWidth = self.size.columns - 2 * side
        let titleRow = band.row + (height - (isBilingual ? 2 : 1)) / 2
        frame.writeCentered(screen.title[screen.language], row: titleRow, column: side, width: titleWidth, .title)
        if isBilingual {
            frame.writeCentered(screen.title[screen.language.toggled], row: titleRow + 1, column: side, width: titleWidth, .subtitle)
        }
        return band
    }
}
