import Foundation

/// Scans one line of TOML.
struct TOMLScanner {
    let line: [Unicode.Scalar]
    let number: Int
    let file: String
    var index = 0

    init(line: [Unicode.Scalar], number: Int, file: String) {
        var scalars = line
        if scalars.last == "\r" { scalars.removeLast() }
        self.line = scalars
        self.number = number
        self.file = file
    }

    var peek: Unicode.Scalar? { self.index < self.line.count ? self.line[self.index] : nil }

    var isAtEndOrComment: Bool { self.peek == nil || self.peek == "#" }

    mutating func skipWhitespace() {
        while let scalar = self.peek, scalar == " " || scalar == "\t" { self.index += 1 }
    }

    func error(_ message: String, key: String = "") -> ConfigurationError {
        ConfigurationError(file: self.file, line: self.number, key: key, message: message)
    }

    mutating func expect(_ scalar: Unicode.Scalar) throws(ConfigurationError) {
        guard self.peek == scalar else { throw self.error("expected '\(scalar)'") }
        self.index += 1
    }

    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
            || scalar == "-"
    }

    /// A dotted key (`a.b`), bare or quoted parts.
    mutating func key() throws(ConfigurationError) -> String {
        var parts: [String] = []
        repeat {
            self.skipWhitespace()
            if self.peek == "\"" {
                parts.append(try self.basicString())
            } else {
                let start = self.index
                while let scalar = self.peek, Self.isBareKeyScalar(scalar) { self.index += 1 }
                guard self.index > start else { throw self.error("expected a key") }
                parts.append(String(String.UnicodeScalarView(self.line[start..<self.index])))
            }
            self.skipWhitespace()
        } while self.consume(".")
        return parts.joined(separator: ".")
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard self.peek == scalar else { return false }
        self.index += 1
        return true
    }

    mutating func tableHeader() throws(ConfigurationError) -> String {
        try self.expect("[")
        if self.peek == "[" { throw self.error("arrays of tables ([[...]]) are not used in OneTrip configuration") }
        let name = try self.key()
        try self.expect("]")
        self.skipWhitespace()
        guard self.isAtEndOrComment else { throw self.error("unexpected text after the table header", key: name) }
        return name
    }

    mutating func value() throws(ConfigurationError) -> TOMLValue {
        guard let first = self.peek else { throw self.error("missing value after '='") }
        switch first {
        case "\"":
            if self.line[self.index...].starts(with: ["\"", "\"", "\""]) { throw self.error("multi-line strings are not supported") }
            return TOMLValue(.string(try self.basicString()), line: self.number)
        case "'":
            self.index += 1
            let start = self.index
            while let scalar = self.peek, scalar != "'" { self.index += 1 }
            guard self.peek == "'" else { throw self.error("unterminated string") }
            let text = String(String.UnicodeScalarView(self.line[start..<self.index]))
            self.index += 1
            return TOMLValue(.string(text), line: self.number)
        case "[":
            self.index += 1
            var items: [TOMLValue] = []
            while true {
                self.skipWhitespace()
                if self.consume("]") { break }
                items.append(try self.value())
                self.skipWhitespace()
                if self.consume(",") { continue }
                guard self.consume("]") else { throw self.error("expected ',' or ']' in array (arrays must be on one line)") }
                break
            }
            return TOMLValue(.array(items), line: self.number)
        case "{":
            throw self.error("inline tables are not supported; use a [table] section")
        default:
            let start = self.index
            while let scalar = self.peek, scalar != " ", scalar != "\t", scalar != ",", scalar != "]", scalar != "#" { self.index += 1 }
            let token = String(String.UnicodeScalarView(self.line[start..<self.index]))
            if token == "true" { return TOMLValue(.boolean(true), line: self.number) }
            if token == "false" { return TOMLValue(.boolean(false), line: self.number) }
            let digits = token.replacingOccurrences(of: "_", with: "")
            if let integer = Int64(digits) { return TOMLValue(.integer(integer), line: self.number) }
            if digits.hasPrefix("0x"), let integer = Int64(digits.dropFirst(2), radix: 16) { return TOMLValue(.integer(integer), line: self.number) }
            if let float = Double(digits), digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                return TOMLValue(.float(float), line: self.number)
            }
            throw self.error("'\(token)' is not a value (strings need quotes: \"\(token)\")")
        }
    }

    mutating func basicString() throws(ConfigurationError) -> String {
        try self.expect("\"")
        var result = String.UnicodeScalarView()
        while let scalar = self.peek {
            self.index += 1
            switch scalar {
            case "\"": return String(result)
            case "\\":
                guard let escaped = self.peek else { throw self.error("unterminated escape") }
                self.index += 1
                switch escaped {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "u", "U":
                    let count = escaped == "u" ? 4 : 8
                    guard self.index + count <= self.line.count,
                        let value = UInt32(String(String.UnicodeScalarView(self.line[self.index..<self.index + count])), radix: 16),
                        let unicode = Unicode.Scalar(value)
                    else { throw self.error("bad \\\(escaped) escape") }
                    self.index += count
                    result.append(unicode)
                default: throw self.error("unknown escape \\\(escaped)")
                }
            default: result.append(scalar)
            }
        }
        throw self.error("unterminated string")
    }
}
