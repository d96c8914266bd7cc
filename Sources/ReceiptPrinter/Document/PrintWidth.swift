/// Column arithmetic for text on a GB18030 receipt printer.
///
/// In Chinese mode a printer draws a single-byte code (ASCII) in a half-width cell (Font A
/// 12×24 dots) and every two-byte GB code in a full-width cell (24×24 dots): research
/// escpos-essp-payment.md A.2 ([NCR]: "Double byte character 24 x 24 dots") and A.4. So a
/// character's width in Font A columns is 1 for printable ASCII and 2 for everything else, which
/// is also true of the substitutes the encoder prints for characters the printer lacks (`？`, or
/// `??` on an ASCII-only printer). Widths are counted per Unicode scalar, because the printer
/// prints each scalar's code separately.
public enum PrintWidth {
    /// Columns one scalar takes at normal size.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        scalar.value < 0x80 ? 1 : 2
    }

    /// Columns a text takes at normal size.
    public static func columns(of text: some StringProtocol) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += self.columns(of: scalar) }
        return total
    }

    /// Splits a text where a printer wraps it: a character goes to the next line when it would
    /// not fit on the current one. `capacity` is in columns of the current size.
    public static func hardWrap(_ text: String, capacity: Int) -> [String] {
        guard capacity > 0 else { return [text] }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var width = 0
        for scalar in text.unicodeScalars {
            let step = self.columns(of: scalar)
            if width + step > capacity, !current.isEmpty {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                width = 0
            }
            current.append(scalar)
            width += step
        }
        lines.append(String(current))
        return lines
    }

    /// Splits a text into lines of at most `capacity` columns, breaking Latin text at spaces
    /// where it can and Chinese text between any two characters.
    public static func wordWrap(_ text: String, capacity: Int) -> [String] {
        guard capacity > 0, self.columns(of: text) > capacity else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in self.breakableUnits(of: text) {
            let wordWidth = self.columns(of: word)
            if lineWidth + wordWidth <= capacity {
                line += word
                lineWidth += wordWidth
                continue
            }
            if !line.isEmpty {
                lines.append(self.trimmingTrailingSpaces(line))
                line = ""
                lineWidth = 0
            }
            let unit = word.first == " " ? String(word.drop { $0 == " " }) : word
            if self.columns(of: unit) <= capacity {
                line = unit
                lineWidth = self.columns(of: unit)
            } else {
                var pieces = self.hardWrap(unit, capacity: capacity)
                let last = pieces.removeLast()
                lines += pieces
                line = last
                lineWidth = self.columns(of: last)
            }
        }
        if !line.isEmpty { lines.append(self.trimmingTrailingSpaces(line)) }
        return lines
    }

    /// Units that must stay together: a run of ASCII letters/digits with its leading spaces, or
    /// one non-ASCII character.
    private static func breakableUnits(of text: String) -> [String] {
        var units: [String] = []
        var current = ""
        for character in text {
            if character.isASCII, character != " " {
                current.append(character)
            } else if character == " " {
                if !current.isEmpty, current.last != " " {
                    units.append(current)
                    current = ""
                }
                current.append(character)
            } else {
                if !current.isEmpty { units.append(current) }
                units.append(String(character))
                current = ""
            }
        }
        if !current.isEmpty { units.append(current) }
        return units
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var result = text
        while result.last == " " { result.removeLast() }
        return result
    }
}
