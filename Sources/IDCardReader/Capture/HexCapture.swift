/// A technician's hex capture of reader traffic, parsed into bytes.
///
/// Accepted text, one or more lines:
/// - hex bytes separated by spaces, commas or colons (`AA AA AA 96 69`, `0xAA,0xAA`), or run
///   together (`AAAAAA9669`);
/// - an optional direction label at the start of a line, which holds until the next label:
///   `>` `->` `tx` `send` `host` for host → reader, `<` `<-` `rx` `recv` `reader` for
///   reader → host (case-insensitive, with or without a trailing `:`);
/// - `[…]` timestamps, `#` and `//` comments, blank lines.
public struct HexCapture: Hashable, Sendable {
    /// Who sent a stretch of bytes.
    public enum Direction: String, Hashable, Sendable {
        /// The host (kiosk PC) to the reader.
        case hostToReader = "host → reader"
        /// The reader to the host.
        case readerToHost = "reader → host"
    }

    /// A labelled stretch of the byte stream.
    public struct Segment: Hashable, Sendable {
        /// The bytes' offsets.
        public var range: Range<Int>
        /// The label in force, if any.
        public var direction: Direction?
    }

    /// Every byte, in order.
    public private(set) var bytes: [UInt8] = []
    /// Labelled stretches covering ``bytes``.
    public private(set) var segments: [Segment] = []
    /// The 1-based line each byte came from, indexed by byte offset.
    private var lines: [Int] = []

    /// Parses a capture.
    /// - Throws: ``HexCaptureError`` naming the line and column of the first token that is not hex.
    public init(parsing text: String) throws(HexCaptureError) {
        var direction: Direction?
        for (lineIndex, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = lineIndex + 1
            var line = Substring(rawLine)
            if let comment = line.range(of: "#") { line = line[..<comment.lowerBound] }
            if let comment = line.range(of: "//") { line = line[..<comment.lowerBound] }
            var tokens = Self.tokens(of: line)
            if let first = tokens.first, let label = Self.direction(of: first.text) {
                direction = label
                tokens.removeFirst()
            }
            let start = self.bytes.count
            for token in tokens {
                self.bytes += try Self.bytes(of: token.text, line: lineNumber, column: token.column)
            }
            if self.bytes.count > start {
                self.lines += Array(repeating: lineNumber, count: self.bytes.count - start)
                if let last = self.segments.last, last.direction == direction, last.range.upperBound == start {
                    self.segments[self.segments.count - 1].range = last.range.lowerBound..<self.bytes.count
                } else {
                    self.segments.append(Segment(range: start..<self.bytes.count, direction: direction))
                }
            }
        }
    }

    /// The line a byte came from.
    public func line(ofOffset offset: Int) -> Int? {
        self.lines.indices.contains(offset) ? self.lines[offset] : self.lines.last
    }

    /// The direction label in force at a byte, if any.
    public func direction(atOffset offset: Int) -> Direction? {
        self.segments.first { $0.range.contains(offset) }?.direction
    }

    private static func tokens(of line: Substring) -> [(text: Substring, column: Int)] {
        var tokens: [(Substring, Int)] = []
        var index = line.startIndex
        var column = 1
        var inBrackets = false
        var tokenStart: (String.Index, Int)?
        func close(_ end: String.Index) {
            if let (start, startColumn) = tokenStart { tokens.append((line[start..<end], startColumn)) }
            tokenStart = nil
        }
        while index < line.endIndex {
            let character = line[index]
            if inBrackets {
                if character == "]" { inBrackets = false }
            } else if character == "[" {
                close(index)
                inBrackets = true
            } else if character == " " || character == "\t" || character == "," || character == "\r" || character == ";" {
                close(index)
            } else if tokenStart == nil {
                tokenStart = (index, column)
            }
            index = line.index(after: index)
            column += 1
        }
        close(line.endIndex)
        return tokens
    }

    private static func direction(of token: Substring) -> Direction? {
        var word = token.lowercased()
        if word.hasSuffix(":") { word.removeLast() }
        switch word {
        case ">", "->", "tx", "send", "host": return .hostToReader
        case "<", "<-", "rx", "recv", "reader": return .readerToHost
        default: return nil
        }
    }

    private static func bytes(of token: Substring, line: Int, column: Int) throws(HexCaptureError) -> [UInt8] {
        var digits = token
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        // A colon-separated dump (`AA:AA:AA`) is one token with separators inside.
        let pieces = digits.split(separator: ":")
        var bytes: [UInt8] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.allSatisfy(\.isHexDigit), piece.unicodeScalars.allSatisfy(\.isASCII) else {
                throw .notHex(line: line, column: column, token: String(token.prefix(16)))
            }
            guard piece.count % 2 == 0 else { throw .oddDigitCount(line: line, column: column, token: String(token.prefix(16))) }
            var index = piece.startIndex
            while index < piece.endIndex {
                let next = piece.index(index, offsetBy: 2)
                bytes.append(UInt8(piece[index..<next], radix: 16)!)
                index = next
            }
        }
        return bytes
    }
}

/// Why a capture's text is not hex.
public enum HexCaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A token that is not hex digits.
    case notHex(line: Int, column: Int, token: String)
    /// Hex digits that do not make whole bytes.
    case oddDigitCount(line: Int, column: Int, token: String)

    /// The problem, with line and column.
    public var description: String {
        switch self {
        case .notHex(let line, let column, let token): "line \(line), column \(column): '\(token)' is not hex bytes"
        case .oddDigitCount(let line, let column, let token): "line \(line), column \(column): '\(token)' has an odd number of hex digits"
        }
    }
}
