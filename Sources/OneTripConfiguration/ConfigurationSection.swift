import Foundation
import KioskCore

/// Typed, line-aware access to one `[table]` of a ``TOMLDocument``: every accessor throws a
/// ``ConfigurationError`` naming the file, the line and the dotted key, and
/// ``rejectUnknownKeys(_:)`` catches typos (`baud_rate` for `baudrate`).
public struct ConfigurationSection: Sendable {
    /// The document.
    public let document: TOMLDocument
    /// The table's dotted name (`devices.receipt_printer`), empty for the root.
    public let table: String

    /// A section of a document.
    public init(_ document: TOMLDocument, table: String) {
        self.document = document
        self.table = table
    }

    /// Whether the table appears in the file (as a header or through any key under it).
    public var isPresent: Bool {
        self.document.tables[self.table] != nil || !self.document.keys(under: self.table).isEmpty
    }

    /// A nested section.
    public func section(_ name: String) -> ConfigurationSection {
        ConfigurationSection(self.document, table: self.path(name))
    }

    func path(_ key: String) -> String { self.table.isEmpty ? key : "\(self.table).\(key)" }

    /// An error at a key (its line if present, else the table's header line).
    public func error(_ key: String, _ message: String) -> ConfigurationError {
        let line = self.document.values[self.path(key)]?.line ?? self.document.tables[self.table] ?? 0
        return ConfigurationError(file: self.document.file, line: line, key: self.path(key), message: message)
    }

    /// Fails on keys (or sub-tables) under this table that are not in `allowed`.
    public func rejectUnknownKeys(_ allowed: Set<String>) throws(ConfigurationError) {
        for key in self.document.keys(under: self.table) {
            let first = String(key.split(separator: ".").first ?? "")
            if !allowed.contains(first) {
                if key.contains("."), let header = self.document.tables[self.path(first)] {
                    throw ConfigurationError(
                        file: self.document.file, line: header, key: self.path(first),
                        message: "unknown section (expected one of: \(allowed.sorted().joined(separator: ", ")))")
                }
                let value = self.document.values[self.path(key)]
                throw ConfigurationError(
                    file: self.document.file, line: value?.line ?? 0, key: self.path(key),
                    message: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// The raw value of a key.
    public func value(_ key: String) -> TOMLValue? { self.document.values[self.path(key)] }

    /// An optional string.
    public func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = self.value(key) else { return nil }
        guard case .string(let text) = value.kind else { throw self.error(key, "expected a string, found \(value.kindName)") }
        return text
    }

    /// A required string.
    public func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let text = try self.string(key) else { throw self.error(key, "required key is missing") }
        return text
    }

    /// An optional integer in a range.
    public func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = self.value(key) else { return nil }
        guard case .integer(let number) = value.kind else { throw self.error(key, "expected an integer, found \(value.kindName)") }
        guard range.contains(Int(number)) else { throw self.error(key, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return Int(number)
    }

    /// An optional boolean.
    public func boolean(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = self.value(key) else { return nil }
        guard case .boolean(let flag) = value.kind else { throw self.error(key, "expected true or false, found \(value.kindName)") }
        return flag
    }

    /// An optional duration string: `250ms`, `2s`, `1.5m`, `12h`, `180d`.
    public func duration(_ key: String, in range: ClosedRange<Duration>? = nil) throws(ConfigurationError) -> Duration? {
        guard let text = try self.string(key) else { return nil }
        guard let duration = Self.parseDuration(text) else {
            throw self.error(key, "'\(text)' is not a duration (write it as 250ms, 2s, 5m, 12h or 180d)")
        }
        if let range, !range.contains(duration) {
            throw self.error(key, "\(text) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return duration
    }

    /// An optional amount of money in yuan (`"100.00"`).
    public func money(_ key: String) throws(ConfigurationError) -> Money? {
        guard let text = try self.string(key) else { return nil }
        guard let money = Money(yuanText: text) else { throw self.error(key, "'\(text)' is not an amount in yuan such as \"100.00\"") }
        return money
    }

    /// An optional array of strings.
    public func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = self.value(key) else { return nil }
        guard case .array(let items) = value.kind else { throw self.error(key, "expected an array, found \(value.kindName)") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item.kind else { throw self.error(key, "expected an array of strings, found \(item.kindName)") }
            result.append(text)
        }
        return result
    }

    /// An optional choice from a closed set.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws(ConfigurationError) -> T?
    where T.RawValue == String {
        guard let text = try self.string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw self.error(key, "'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// Parses `250ms`, `2s`, `1.5m`, `12h`, `180d`.
    public static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite else { return nil }
            return .milliseconds(Int64((number * scale * 1000).rounded()))
        }
        return nil
    }
}
