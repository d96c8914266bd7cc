import Foundation

/// Newline-delimited JSON framing for the screen channel (``ScreenUpdate`` one way,
/// ``ScreenInput`` the other): feed it the bytes as they arrive, take whole lines out.
///
/// A pure value: no I/O. A line longer than ``maximumLineLength`` is dropped up to its newline
/// and reported once, so one bad message never wedges the channel.
///
/// ```swift
/// var framer = JSONLineFramer()
/// framer.append(bytesFromSocket)
/// while let line = try framer.nextLine() {
///     let update = try JSONLineFramer.decode(ScreenUpdate.self, from: line)
/// }
/// ```
public struct JSONLineFramer: Sendable {
    /// The longest line accepted (1 MiB; a screen is a few kilobytes).
    public let maximumLineLength: Int
    private var pending: [UInt8] = []
    private var isDiscarding = false

    /// Creates an empty framer.
    public init(maximumLineLength: Int = 1 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes received but not yet returned as a line.
    public var bufferedByteCount: Int { self.pending.count }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        self.pending.append(contentsOf: bytes)
    }

    /// The next complete line without its newline (and without a trailing carriage return),
    /// or nil when no whole line is buffered. Empty lines are skipped.
    /// - Throws: ``JSONLineError/lineTooLong(limit:)`` once for a line over the limit; the
    ///   framer then skips to the line's end and carries on.
    public mutating func nextLine() throws(JSONLineError) -> [UInt8]? {
        while true {
            guard let newline = self.pending.firstIndex(of: 0x0A) else {
                if !self.isDiscarding, self.pending.count > self.maximumLineLength {
                    self.pending.removeAll()
                    self.isDiscarding = true
                    throw .lineTooLong(limit: self.maximumLineLength)
                }
                if self.isDiscarding { self.pending.removeAll() }
                return nil
            }
            var line = Array(self.pending[..<newline])
            self.pending.removeSubrange(...newline)
            if self.isDiscarding {
                self.isDiscarding = false
                continue
            }
            if line.last == 0x0D { line.removeLast() }
            if line.isEmpty { continue }
            if line.count > self.maximumLineLength { throw .lineTooLong(limit: self.maximumLineLength) }
            return line
        }
    }

    /// One value as a JSON line, newline included.
    public static func encode(_ value: some Encodable) throws(JSONLineError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value)) + [0x0A]
        } catch {
            throw .unencodable(String(describing: error))
        }
    }

    /// Decodes one line.
    /// - Throws: ``JSONLineError/malformed(_:)`` naming what was wrong (never the line's content,
    ///   which may carry masked personal data).
    public static func decode<Value: Decodable>(_ type: Value.Type, from line: [UInt8]) throws(JSONLineError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(line))
        } catch let error as DecodingError {
            throw .malformed("\(Value.self): \(JSONLineError.describe(error)) (line of \(line.count) bytes)")
        } catch {
            throw .malformed("\(Value.self): \(error) (line of \(line.count) bytes)")
        }
    }
}

/// What went wrong on a newline-delimited JSON channel.
public enum JSONLineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A line exceeded the limit and was dropped.
    case lineTooLong(limit: Int)
    /// A line is not the JSON expected; says which field and why.
    case malformed(String)
    /// A value could not be encoded.
    case unencodable(String)

    public var description: String {
        switch self {
        case .lineTooLong(let limit): "line longer than \(limit) bytes dropped"
        case .malformed(let detail): "malformed message: \(detail)"
        case .unencodable(let detail): "cannot encode message: \(detail)"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "top level" : keys
        }
        switch error {
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        @unknown default: return String(describing: error)
        }
    }
}
