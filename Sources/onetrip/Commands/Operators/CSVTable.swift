/// Comma-separated values after RFC 4180: a field with a comma, quote, or line break is quoted,
/// quotes doubled; lines end in CRLF so spreadsheet programs read them as written.
struct CSVTable {
    /// One line.
    static func line(_ fields: [String]) -> String {
        fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when needed.
    static func field(_ value: String) -> String {
        let special = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard special || value.hasPrefix(" ") || value.hasSuffix(" ") else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
