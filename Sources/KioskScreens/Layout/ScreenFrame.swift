import KioskCore

/// A laid-out screen: rectangles to fill, texts to write and the regions a touch selects, for a
/// given terminal size. Pure data: the ncurses renderer draws it, tests read it as text.
///
/// Everything added is clipped to the terminal; texts are sanitized (no control characters),
/// never show a full ID number (``IDNumberRedaction``) and never split a double-width character
/// at the right edge.
public struct ScreenFrame: Hashable, Sendable {
    /// A filled rectangle.
    public struct Fill: Hashable, Sendable {
        /// Where.
        public var rect: CellRect
        /// How it looks.
        public var style: CellStyle
    }

    /// A run of text on one row.
    public struct Text: Hashable, Sendable {
        /// Row.
        public var row: Int
        /// Starting column.
        public var column: Int
        /// The text (fits the terminal).
        public var text: String
        /// How it looks.
        public var style: CellStyle
    }

    /// The terminal size the frame was laid out for.
    public let size: TerminalSize
    /// Rectangles, drawn first, in order.
    public private(set) var fills: [Fill] = []
    /// Texts, drawn after the fills, in order.
    public private(set) var texts: [Text] = []
    /// Touch targets.
    public private(set) var regions: [HitRegion] = []

    /// An empty frame.
    public init(size: TerminalSize) {
        self.size = size
    }

    /// Fills a rectangle (clipped to the terminal).
    public mutating func fill(_ rect: CellRect, _ style: CellStyle) {
        let top = max(0, rect.row)
        let left = max(0, rect.column)
        let bottom = min(self.size.rows, rect.row + rect.height)
        let right = min(self.size.columns, rect.column + rect.width)
        guard bottom > top, right > left else { return }
        self.fills.append(Fill(rect: CellRect(row: top, column: left, width: right - left, height: bottom - top), style: style))
    }

    /// Writes text starting at a cell, cut at the right edge of the terminal.
    public mutating func write(_ text: String, row: Int, column: Int, _ style: CellStyle) {
        guard row >= 0, row < self.size.rows, column >= 0, column < self.size.columns else { return }
        var text = IDNumberRedaction.redacted(DisplayWidth.sanitized(text))
        let room = self.size.columns - column
        if DisplayWidth.of(text) > room { text = Self.prefix(text, width: room) }
        guard !text.isEmpty else { return }
        self.texts.append(Text(row: row, column: column, text: text, style: style))
    }

    /// Writes text centred in a span of columns (cut with `…` if wider).
    public mutating func writeCentered(_ text: String, row: Int, column: Int, width: Int, _ style: CellStyle) {
        let text = TextWrapper.truncated(text, width: width)
        let offset = max(0, (width - DisplayWidth.of(text)) / 2)
        self.write(text, row: row, column: column + offset, style)
    }

    /// Adds a touch target.
    public mutating func addRegion(_ region: HitRegion) {
        self.regions.append(region)
    }

    /// The target under a cell, if any (the last added wins where regions overlap).
    public func target(row: Int, column: Int) -> HitRegion.Target? {
        self.regions.last { $0.rect.contains(row: row, column: column) }?.target
    }

    /// The region of a target.
    public func region(for target: HitRegion.Target) -> HitRegion? {
        self.regions.first { $0.target == target }
    }

    /// The frame as the terminal shows it, one string per row with trailing spaces removed
    /// (what `tmux capture-pane -p` prints).
    public var textRows: [String] {
        var grid = Array(repeating: Array(repeating: " ", count: self.size.columns), count: self.size.rows)
        for fill in self.fills {
            for row in fill.rect.row..<(fill.rect.row + fill.rect.height) {
                for column in fill.rect.column..<(fill.rect.column + fill.rect.width) {
                    Self.put(" ", width: 1, row: row, column: column, in: &grid)
                }
            }
        }
        for text in self.texts {
            var column = text.column
            for character in text.text {
                let width = DisplayWidth.of(String(character))
                if width == 0 {
                    if column > 0 { grid[text.row][column - 1] += String(character) }
                    continue
                }
                Self.put(String(character), width: width, row: text.row, column: column, in: &grid)
                column += width
            }
        }
        return grid.map { cells in
            var line = cells.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Places a character; a double-width one fills the next cell with an empty continuation.
    /// Overwriting half of a double-width character blanks its other half, as terminals do.
    private static func put(_ character: String, width: Int, row: Int, column: Int, in grid: inout [[String]]) {
        guard column + width <= grid[row].count else { return }
        for cell in column..<(column + width) {
            if grid[row][cell].isEmpty, cell > 0 { grid[row][cell - 1] = " " }
            if cell + 1 < grid[row].count, grid[row][cell + 1].isEmpty, DisplayWidth.of(grid[row][cell]) == 2 {
                grid[row][cell + 1] = " "
            }
        }
        grid[row][column] = character
        if width == 2 { grid[row][column + 1] = "" }
    }

    /// The longest prefix of a text that fits `width` columns.
    static func prefix(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(String(character))
            if used + characterWidth > width { break }
            result.append(character)
            used += characterWidth
        }
        return result
    }
}

/// A rectangle a touch selects.
public struct HitRegion: Hashable, Sendable {
    /// What a touch there does.
    public enum Target: Hashable, Sendable {
        /// Selects a button.
        case choice(ChoiceID)
        /// Switches the language.
        case language
    }

    /// Where.
    public var rect: CellRect
    /// What.
    public var target: Target

    /// Creates a region.
    public init(rect: CellRect, target: Target) {
        self.rect = rect
        self.target = target
    }
}
