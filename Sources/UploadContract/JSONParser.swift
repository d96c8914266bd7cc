/// A strict RFC 8259 parser from UTF-8 bytes to ``JSONValue``, reporting the byte offset of the
/// first error. The hub parses every upload with it: a malformed body is a clear 400, never a
/// crash or a half-stored batch.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// How deeply arrays and objects may nest (a guard against stack exhaustion).
    public static let maximumDepth = 64

    /// Parses one JSON document; white space may surround it, nothing else may follow.
    /// - Throws: ``JSONParseError``.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected data after the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ reason: String) -> JSONParseError { JSONParseError(offset: self.index, reason: reason) }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) { self.index += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        for byte in literal.utf8 {
            guard self.index < self.bytes.count, self.bytes[self.index] == byte else { throw self.error("invalid literal") }
            self.index += 1
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): return try self.expect("true", .bool(true))
        case UInt8(ascii: "f"): return try self.expect("false", .bool(false))
        case UInt8(ascii: "n"): return try self.expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.parseNumber()
        default: throw self.error("unexpected character")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        self.depth += 1
        guard self.depth <= Self.maximumDepth else { throw self.error("nested more than \(Self.maximumDepth) levels") }
        self.index += 1
        self.skipWhitespace()
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try self.enter()
        var members: [String: JSONValue] = [:]
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            self.depth -= 1
            return .object(members)
        }
        while true {
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            guard members[key] == nil else { throw self.error("duplicate member \"\(key)\"") }
            members[key] = try self.parseValue()
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unterminated object") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
            } else if self.bytes[self.index] == UInt8(ascii: "}") {
                self.index += 1
                self.depth -= 1
                return .object(members)
            } else {
                throw self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try self.enter()
        var values: [JSONValue] = []
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            self.depth -= 1
            return .array(values)
        }
        while true {
            values.append(try self.parseValue())
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unterminated array") }
            if self.bytes[self.index] == UInt8(ascii: ",") {
                self.index += 1
                self.skipWhitespace()
            } else if self.bytes[self.index] == UInt8(ascii: "]") {
                self.index += 1
                self.depth -= 1
                return .array(values)
            } else {
                throw self.error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        self.index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var start = self.index
        var output: [UInt8] = []
        while true {
            guard self.index < self.bytes.count else { throw self.error("unterminated string") }
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: self.bytes[start..<self.index])
                self.index += 1
                break
            }
            if byte < 0x20 { throw self.error("control character in string") }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: self.bytes[start..<self.index])
                self.index += 1
                guard self.index < self.bytes.count else { throw self.error("unterminated escape") }
                let escaped = self.bytes[self.index]
                self.index += 1
                switch escaped {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try self.parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                            self.bytes[self.index + 1] == UInt8(ascii: "u")
                        else { throw self.error("unpaired surrogate") }
                        self.index += 2
                        let low = try self.parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw self.error("unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw self.error("invalid \\u escape") }
                    scalars.removeAll()
                    scalars.append(scalar)
                    output.append(contentsOf: String(scalars).utf8)
                default: throw self.error("invalid escape")
                }
                start = self.index
                continue
            }
            self.index += 1
        }
        // Validate UTF-8: a body with broken encoding is refused, not silently repaired.
        guard let text = String(validating: output, as: UTF8.self) else { throw self.error("invalid UTF-8 in string") }
        return text
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Character(Unicode.Scalar(self.bytes[self.index])).hexDigitValue else { throw self.error("invalid \\u escape") }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = self.index
        var isInteger = true
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        guard self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) else {
            throw self.error("invalid number")
        }
        if self.bytes[self.index] == UInt8(ascii: "0") {
            self.index += 1
        } else {
            self.skipDigits()
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            isInteger = false
            self.index += 1
            guard self.skipDigits() > 0 else { throw self.error("invalid number") }
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "e") || self.bytes[self.index] == UInt8(ascii: "E") {
            isInteger = false
            self.index += 1
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") {
                self.index += 1
            }
            guard self.skipDigits() > 0 else { throw self.error("invalid number") }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text) else { throw JSONParseError(offset: start, reason: "invalid number") }
        return .number(value)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = self.index
        while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
        return self.index - start
    }
}

/// Why a JSON body could not be parsed: the byte offset and what was wrong there.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The byte offset of the problem.
    public var offset: Int
    /// What was wrong.
    public var reason: String

    public var description: String { "malformed JSON at byte \(self.offset): \(self.reason)" }
}
