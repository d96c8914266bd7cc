import COneTripNcursesw

/// How each ``CellStyle`` looks: high-contrast colour pairs on a colour terminal, bold/reverse/
/// underline on a monochrome one (a VT100 or a console without colour still shows the title
/// band, the primary button and warnings apart from plain text).
struct CursesPalette {
    /// Colour numbers of the ANSI palette.
    private enum Colour: Int16 {
        case black = 0, red, green, yellow, blue, magenta, cyan, white
    }

    /// Foreground, background, bold.
    private static func colours(_ style: CellStyle) -> (Colour, Colour, Bool) {
        switch style {
        case .status: (.black, .white, false)
        case .statusNotice: (.black, .yellow, true)
        case .titleBand: (.white, .blue, false)
        case .title: (.white, .blue, true)
        case .subtitle: (.white, .blue, false)
        case .body: (.white, .black, false)
        case .emphasis: (.white, .black, true)
        case .warning: (.yellow, .black, true)
        case .amount: (.white, .black, true)
        case .hint: (.cyan, .black, false)
        case .label: (.cyan, .black, false)
        case .countdown: (.black, .white, true)
        case .countdownUrgent: (.white, .red, true)
        case .primaryButton: (.black, .yellow, true)
        case .secondaryButton: (.black, .white, true)
        case .cancelButton: (.white, .red, true)
        case .pressedButton: (.white, .green, true)
        case .languageButton: (.black, .cyan, true)
        case .progressDone: (.green, .black, true)
        case .progressRemaining: (.white, .black, false)
        }
    }

    /// Attributes without colour.
    private static func monochrome(_ style: CellStyle) -> attr_t {
        let bold = onetrip_curses_bold()
        let reverse = onetrip_curses_reverse()
        let underline = onetrip_curses_underline()
        switch style {
        case .status, .titleBand, .subtitle, .countdown, .languageButton, .pressedButton: return reverse
        case .statusNotice, .title, .countdownUrgent, .primaryButton: return reverse | bold
        case .emphasis, .amount, .progressDone, .secondaryButton, .cancelButton: return bold
        case .warning: return bold | underline
        case .body, .hint, .label, .progressRemaining: return 0
        }
    }

    /// Whether colours are in use.
    let usesColour: Bool

    /// Sets up colour pairs when the terminal has colours (call after `newterm`).
    init(terminalHasColours: Bool) {
        self.usesColour = terminalHasColours
        guard terminalHasColours else { return }
        start_color()
        // Bright backgrounds on 16-colour terminals: yellow and white read better than brown and grey.
        let bright: Int16 = onetrip_curses_colors() >= 16 ? 8 : 0
        for (index, style) in CellStyle.allCases.enumerated() {
            let (foreground, background, _) = Self.colours(style)
            let brightened = [.yellow, .white, .cyan, .green].contains(background) ? background.rawValue + bright : background.rawValue
            let foregroundBright = foreground == .yellow ? foreground.rawValue + bright : foreground.rawValue
            init_pair(Int16(index + 1), foregroundBright, brightened)
        }
    }

    /// Attributes and colour pair for a style.
    func attributes(_ style: CellStyle) -> (attributes: attr_t, pair: Int16) {
        guard self.usesColour else { return (Self.monochrome(style), 0) }
        let index = Int16(CellStyle.allCases.firstIndex(of: style)! + 1)
        let bold = Self.colours(style).2 ? onetrip_curses_bold() : 0
        return (bold | onetrip_curses_color_pair(index), index)
    }
}
