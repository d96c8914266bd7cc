/// A plain-text table with aligned columns for terminals, counting CJK characters as two
/// columns wide (as terminals draw them), so Chinese details do not break the alignment.
public struct TextTable: Sendable {
    /// The column headings.
    public var headings: [String]
    /// The rows, each with one cell per heading.
    public private(set) var rows: [[String]] = []

    /// Creates a table.
    public init(headings: [String]) {
        self.headings = headings
    }

    /// Adds a row (missing cells are blank, extra cells are dropped).
    public mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(self.headings.count))
        while row.count < self.headings.count { row.append("") }
        self.rows.append(row)
    }

    /// The table, two spaces between columns, no trailing spaces.
    public func render() -> String {
        let all = [self.headings] + self.rows
        let widths = self.headings.indices.map { column in all.map { Self.width(of: $0[column]) }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - Self.width(of: cell) + 2) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Terminal columns a string takes: two for East Asian wide characters, one otherwise.
    public static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { return total }
            let isWide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return total + (isWide ? 2 : 1)
        }
    }
}
