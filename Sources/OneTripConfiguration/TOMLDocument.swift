/// A parsed TOML document: every key by its dotted path, with the line it was written on, so
/// configuration errors can say `onetrip.toml:12: devices.receipt_printer.port: …`.
///
/// Supports what a kiosk configuration needs — `[tables]` and `[dotted.tables]`, `key = value`
/// with basic and literal strings, integers, floats, booleans, arrays of these, and comments —
/// and rejects everything else (inline tables, arrays of tables, dates, multi-line strings) with
/// a clear error rather than guessing.
public struct TOMLDocument: Sendable {
    /// Every key as a dotted path (`devices.receipt_printer.port`) with its value.
    public private(set) var values: [String: TOMLValue] = [:]
    /// Every table header seen, with its line.
    public private(set) var tables: [String: Int] = [:]
    /// The file name for messages.
    public let file: String

    /// Parses a document.
    /// - Throws: ``ConfigurationError`` naming the file and line.
    public init(text: String, file: String) throws(ConfigurationError) {
        self.file = file
        var table = ""
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var scanner = TOMLScanner(line: Array(rawLine.unicodeScalars), number: lineNumber, file: file)
            scanner.skipWhitespace()
            if scanner.isAtEndOrComment { continue }
            if scanner.peek == "[" {
                table = try scanner.tableHeader()
                guard self.tables[table] == nil else {
                    throw ConfigurationError(file: file, line: lineNumber, key: table, message: "table defined twice (first on line \(self.tables[table]!))")
                }
                self.tables[table] = lineNumber
                continue
            }
            let key = try scanner.key()
            scanner.skipWhitespace()
            try scanner.expect("=")
            scanner.skipWhitespace()
            let value = try scanner.value()
            scanner.skipWhitespace()
            guard scanner.isAtEndOrComment else {
                throw ConfigurationError(file: file, line: lineNumber, key: key, message: "unexpected text after the value")
            }
            let path = table.isEmpty ? key : "\(table).\(key)"
            if let previous = self.values[path] {
                throw ConfigurationError(file: file, line: lineNumber, key: path, message: "key set twice (first on line \(previous.line))")
            }
            self.values[path] = value
        }
    }

    /// The keys directly under a table (`devices` → `receipt_printer.port`, …).
    public func keys(under table: String) -> [String] {
        let prefix = table.isEmpty ? "" : table + "."
        return self.values.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}

/// A configuration problem, pointing at the file, line and key.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line (0 when the problem is a missing key).
    public var line: Int
    /// The dotted key.
    public var key: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        self.line > 0 ? "\(self.file):\(self.line): \(self.key): \(self.message)" : "\(self.file): \(self.key): \(self.message)"
    }
}
