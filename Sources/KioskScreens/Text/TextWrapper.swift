/// Breaks text into lines that fit a number of terminal columns, for Chinese and English alike.
///
/// English breaks at spaces; Chinese may break between any two hanzi, except that closing
/// punctuation (`，。、）`…) never starts a line and opening punctuation (`（「`…) never ends
/// one. A word wider than the line is split. Widths are display widths (``DisplayWidth``).
public enum TextWrapper {
    /// Lines of at most `width` columns (at least one line, possibly empty).
    public static func wrap(_ text: String, width: Int) -> [String] {
        let text = DisplayWidth.sanitized(text)
        guard width > 0 else { return [""] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for unit in self.units(of: text) {
            if unit.isSpace {
                if lineWidth > 0, lineWidth < width {
                    line += " "
                    lineWidth += 1
                }
                continue
            }
            if lineWidth + unit.width > width, lineWidth > 0 {
                lines.append(self.trimmingTrailingSpaces(line))
                line = ""
                lineWidth = 0
            }
            if unit.width > width {
                // A single word longer than the line: split it by columns.
                for character in unit.text {
                    let characterWidth = DisplayWidth.of(String(character))
                    if lineWidth + characterWidth > width, lineWidth > 0 {
                        lines.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += characterWidth
                }
            } else {
                line += unit.text
                lineWidth += unit.width
            }
        }
        lines.append(self.trimmingTrailingSpaces(line))
        return lines
    }

    /// The text cut to `width` columns, ending in `…` when something was cut.
    public static func truncated(_ text: String, width: Int) -> String {
        let text = DisplayWidth.sanitized(text)
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return self.trimmingTrailingSpaces(result) + "…"
    }

    /// Wraps, then keeps at most `maximumLines`, marking a cut with `…`.
    public static func wrap(_ text: String, width: Int, maximumLines: Int) -> [String] {
        let lines = self.wrap(text, width: width)
        guard lines.count > maximumLines, maximumLines > 0 else { return lines }
        if maximumLines == 1 { return [self.truncated(text, width: width)] }
        var kept = Array(lines.prefix(maximumLines - 1))
        var rest = ""
        for line in lines[(maximumLines - 1)...] {
            let needsSpace = !rest.isEmpty && DisplayWidth.of(String(rest.last!)) == 1 && DisplayWidth.of(String(line.first ?? " ")) == 1
            rest += (needsSpace ? " " : "") + line
        }
        kept.append(self.truncated(rest, width: width))
        return kept
    }

    private struct Unit {
        var text: String
        var width: Int
        var isSpace: Bool
    }

    private static let closing: Set<Character> = Set("，。、；：？！）」』》〉】〕…—%,.;:?!)]}％")
    private static let opening: Set<Character> = Set("（「『《〈【〔([{")

    /// Breakable units: spaces, Latin words, single wide characters; punctuation glued on.
    private static func units(of text: String) -> [Unit] {
        var units: [Unit] = []
        var word = ""
        var pendingOpening = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            units.append(Unit(text: word, width: DisplayWidth.of(word), isSpace: false))
            word = ""
        }
        for character in text {
            if character == " " {
                flushWord()
                if !pendingOpening.isEmpty {
                    units.append(Unit(text: pendingOpening, width: DisplayWidth.of(pendingOpening), isSpace: false))
                    pendingOpening = ""
                }
                units.append(Unit(text: " ", width: 1, isSpace: true))
                continue
            }
            let width = DisplayWidth.of(String(character))
            if self.closing.contains(character) {
                if !word.isEmpty {
                    word.append(character)
                } else if let last = units.last, !last.isSpace {
                    units[units.count - 1].text.append(character)
                    units[units.count - 1].width += width
                } else {
                    word.append(character)
                }
                continue
            }
            if self.opening.contains(character) {
                flushWord()
                pendingOpening.append(character)
                continue
            }
            if width == 2 {
                flushWord()
                let text = pendingOpening + String(character)
                pendingOpening = ""
                units.append(Unit(text: text, width: DisplayWidth.of(text), isSpace: false))
            } else {
                if !pendingOpening.isEmpty {
                    word += pendingOpening
                    pendingOpening = ""
                }
                word.append(character)
            }
        }
        flushWord()
        if !pendingOpening.isEmpty { units.append(Unit(text: pendingOpening, width: DisplayWidth.of(pendingOpening), isSpace: false)) }
        return units
    }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
