/// The size of the terminal in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    /// Columns (cells across).
    public var columns: Int
    /// Rows (lines down).
    public var rows: Int

    /// Creates a size.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The smallest terminal the layout draws screens on (smaller shows "terminal too small").
    public static let minimum = TerminalSize(columns: 48, rows: 20)

    /// Whether the layout uses its large variant (taller title band and buttons).
    public var isLarge: Bool { self.columns >= 100 && self.rows >= 36 }

    public var description: String { "\(self.columns)×\(self.rows)" }
}

/// A rectangle of cells, zero-based from the top-left corner.
public struct CellRect: Hashable, Sendable, CustomStringConvertible {
    /// Top row.
    public var row: Int
    /// Left column.
    public var column: Int
    /// Columns across.
    public var width: Int
    /// Rows down.
    public var height: Int

    /// Creates a rectangle.
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = width
        self.height = height
    }

    /// Whether a cell lies inside.
    public func contains(row: Int, column: Int) -> Bool {
        row >= self.row && row < self.row + self.height && column >= self.column && column < self.column + self.width
    }

    /// Whether two rectangles share a cell.
    public func intersects(_ other: CellRect) -> Bool {
        self.row < other.row + other.height && other.row < self.row + self.height
            && self.column < other.column + other.width && other.column < self.column + self.width
    }

    public var description: String { "\(self.width)×\(self.height)@\(self.row),\(self.column)" }
}
