import Foundation
import KioskCore
import Yams

/// Reads one YAML mapping of a profile with typed accessors that throw ``ProfileError`` carrying
/// the file, the line of the offending node and the dotted key path.
public struct ProfileNode {
    let mapping: Node.Mapping
    let file: String
    let path: String
    let line: Int

    init(mapping: Node.Mapping, file: String, path: String, line: Int) {
        self.mapping = mapping
        self.file = file
        self.path = path
        self.line = line
    }

    /// Parses a YAML document whose root must be a mapping.
    public static func parse(yaml: String, file: String) throws(ProfileError) -> ProfileNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ProfileError(file: file, line: Self.line(of: error), key: "", message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw ProfileError(file: file, line: 0, key: "", message: "not valid YAML: \(error)")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw ProfileError(file: file, line: root?.mark?.line ?? 1, key: "", message: "the document must be a mapping of keys to values")
        }
        return ProfileNode(mapping: mapping, file: file, path: "", line: mapping.mark?.line ?? 1)
    }

    func keyPath(_ key: String) -> String { self.path.isEmpty ? key : "\(self.path).\(key)" }

    func node(_ key: String) -> Node? { self.mapping[Node(key)] }

    /// An error at a key (at the key's value line when present, else at this mapping).
    public func error(_ key: String, _ message: String) -> ProfileError {
        let line = self.node(key)?.mark?.line ?? self.line
        return ProfileError(file: self.file, line: line, key: self.keyPath(key), message: message)
    }

    /// The keys present.
    public var keys: [String] { self.mapping.keys.compactMap(\.string) }

    /// Whether a key is present.
    public func has(_ key: String) -> Bool { self.node(key) != nil }

    /// Fails on keys outside `allowed` (catches typos such as `baudrate`).
    public func rejectUnknownKeys(_ allowed: Set<String>) throws(ProfileError) {
        for (keyNode, _) in self.mapping {
            let key = keyNode.string ?? "?"
            if !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                throw ProfileError(
                    file: self.file, line: keyNode.mark?.line ?? self.line, key: self.keyPath(key),
                    message: "unknown key (expected one of: \(known))")
            }
        }
    }

    /// A required string.
    public func string(_ key: String) throws(ProfileError) -> String {
        guard let value = try self.optionalString(key) else { throw self.error(key, "required key is missing") }
        return value
    }

    /// An optional string (scalars only).
    public func optionalString(_ key: String) throws(ProfileError) -> String? {
        guard let node = self.node(key) else { return nil }
        guard case .scalar(let scalar) = node else { throw self.error(key, "expected a single value, found a \(Self.kind(of: node))") }
        return scalar.string
    }

    /// A required integer within a range.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(ProfileError) -> Int {
        guard let value = try self.optionalInt(key, in: range) else { throw self.error(key, "required key is missing") }
        return value
    }

    /// An optional integer within a range.
    public func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ProfileError) -> Int? {
        guard let text = try self.optionalString(key) else { return nil }
        let value: Int?
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            value = Int(text.dropFirst(2), radix: 16)
        } else {
            value = Int(text)
        }
        guard let value else { throw self.error(key, "'\(text)' is not a whole number") }
        guard range.contains(value) else { throw self.error(key, "\(value) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return value
    }

    /// An optional boolean (`true`/`false`/`yes`/`no`).
    public func bool(_ key: String, default defaultValue: Bool) throws(ProfileError) -> Bool {
        guard let text = try self.optionalString(key) else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw self.error(key, "'\(text)' is not true or false")
        }
    }

    /// A required duration written `250ms`, `2s`, `1.5s` or `1m`.
    public func duration(_ key: String) throws(ProfileError) -> Duration {
        guard let value = try self.optionalDuration(key) else { throw self.error(key, "required key is missing") }
        return value
    }

    /// An optional duration.
    public func optionalDuration(_ key: String) throws(ProfileError) -> Duration? {
        guard let text = try self.optionalString(key) else { return nil }
        guard let duration = Self.parseDuration(text) else {
            throw self.error(key, "'\(text)' is not a duration (write it as 250ms, 2s or 1m)")
        }
        return duration
    }

    /// A required value from a closed set.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type) throws(ProfileError) -> T where T.RawValue == String {
        let text = try self.string(key)
        guard let value = T(rawValue: text) else {
            throw self.error(key, "'\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A required nested mapping.
    public func mapping(_ key: String) throws(ProfileError) -> ProfileNode {
        guard let node = try self.optionalMapping(key) else { throw self.error(key, "required section is missing") }
        return node
    }

    /// An optional nested mapping.
    public func optionalMapping(_ key: String) throws(ProfileError) -> ProfileNode? {
        guard let node = self.node(key) else { return nil }
        guard case .mapping(let mapping) = node else { throw self.error(key, "expected a section of keys, found a \(Self.kind(of: node))") }
        return ProfileNode(mapping: mapping, file: self.file, path: self.keyPath(key), line: mapping.mark?.line ?? self.line)
    }

    /// An optional list of scalars.
    public func strings(_ key: String) throws(ProfileError) -> [String] {
        guard let node = self.node(key) else { return [] }
        guard case .sequence(let sequence) = node else { throw self.error(key, "expected a list, found a \(Self.kind(of: node))") }
        var values: [String] = []
        for (index, item) in sequence.enumerated() {
            guard case .scalar(let scalar) = item else {
                throw ProfileError(file: self.file, line: item.mark?.line ?? self.line, key: "\(self.keyPath(key))[\(index)]", message: "expected a single value")
            }
            values.append(scalar.string)
        }
        return values
    }

    /// An optional list of mappings.
    public func mappings(_ key: String) throws(ProfileError) -> [ProfileNode] {
        guard let node = self.node(key) else { return [] }
        guard case .sequence(let sequence) = node else { throw self.error(key, "expected a list, found a \(Self.kind(of: node))") }
        var values: [ProfileNode] = []
        for (index, item) in sequence.enumerated() {
            guard case .mapping(let mapping) = item else {
                throw ProfileError(file: self.file, line: item.mark?.line ?? self.line, key: "\(self.keyPath(key))[\(index)]", message: "expected a section of keys")
            }
            values.append(ProfileNode(mapping: mapping, file: self.file, path: "\(self.keyPath(key))[\(index)]", line: mapping.mark?.line ?? self.line))
        }
        return values
    }

    /// An amount of money in yuan (`"20.00"`, `20`).
    public func money(_ key: String) throws(ProfileError) -> Money {
        let text = try self.string(key)
        guard let money = Money(yuanText: text) else { throw self.error(key, "'\(text)' is not an amount in yuan") }
        return money
    }

    /// Parses `250ms`, `2s`, `1.5s`, `1m`.
    public static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 1e-3), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let number = Double(trimmed.dropLast(suffix.count)), number >= 0, number.isFinite else { return nil }
            return .milliseconds(Int64((number * scale * 1000).rounded()))
        }
        return nil
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .mapping: "section"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
