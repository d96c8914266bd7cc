#if canImport(Glibc)
import Glibc
#endif

/// One udev rule (one line of a `.rules` file), parsed per udev(7): comma-separated
/// `KEY[{attribute}]OPERATOR"value"` pairs.
///
/// Used to check the rules `onetrip devices udev-rules` writes (every line parses, every key
/// is one udev knows, values are quoted) and to evaluate their match keys against device
/// snapshots, so a test can prove a rule selects exactly the devices its profile matches.
public struct UdevRule: Hashable, Sendable, CustomStringConvertible {
    /// A rule operator.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        /// Match: equal.
        case equal = "=="
        /// Match: not equal.
        case notEqual = "!="
        /// Assign.
        case assign = "="
        /// Add to a list.
        case add = "+="
        /// Remove from a list.
        case remove = "-="
        /// Assign and forbid later changes.
        case assignFinal = ":="

        /// Whether the operator matches rather than assigns.
        public var isMatch: Bool { self == .equal || self == .notEqual }
    }

    /// One `KEY{attribute}=="value"` pair.
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        /// The key (`SUBSYSTEM`, `ATTRS`, `MODE`).
        public var name: String
        /// The attribute in braces (`idVendor` in `ATTRS{idVendor}`), if any.
        public var attribute: String?
        /// The operator.
        public var op: Operator
        /// The value, unquoted (a glob pattern for match keys).
        public var value: String

        /// Creates a key.
        public init(_ name: String, _ attribute: String? = nil, _ op: Operator, _ value: String) {
            self.name = name
            self.attribute = attribute
            self.op = op
            self.value = value
        }

        /// `NAME{attribute}OP"value"`.
        public var description: String {
            "\(self.name)\(self.attribute.map { "{\($0)}" } ?? "")\(self.op.rawValue)\"\(self.value)\""
        }
    }

    /// The keys, in order.
    public var keys: [Key]

    /// Creates a rule.
    public init(keys: [Key]) {
        self.keys = keys
    }

    /// The rule as one line.
    public var description: String { self.keys.map(\.description).joined(separator: ", ") }

    /// Keys that take `{attribute}`; other keys must not.
    static let keysWithAttribute: Set<String> = ["ATTR", "ATTRS", "SYSCTL", "ENV", "CONST", "TEST", "IMPORT", "RUN"]
    /// Keys that only match (udev rejects `SUBSYSTEM="tty"`).
    static let matchOnlyKeys: Set<String> = [
        "ACTION", "DEVPATH", "KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTRS", "TAGS", "CONST", "TEST", "PROGRAM", "RESULT",
    ]
    /// Keys that only assign (udev rejects `MODE=="0660"`).
    static let assignOnlyKeys: Set<String> = ["OWNER", "GROUP", "MODE", "SECLABEL", "RUN", "LABEL", "GOTO", "OPTIONS"]
    /// Keys udev understands (udev(7)).
    static let knownKeys: Set<String> = [
        "ACTION", "DEVPATH", "KERNEL", "KERNELS", "NAME", "SYMLINK", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER", "DRIVERS", "ATTR", "ATTRS",
        "SYSCTL", "ENV", "CONST", "TAG", "TAGS", "TEST", "PROGRAM", "RESULT", "OWNER", "GROUP", "MODE", "SECLABEL", "RUN", "LABEL",
        "GOTO", "IMPORT", "OPTIONS",
    ]

    /// Parses one rule line.
    /// - Throws: ``UdevRuleSyntaxError`` naming the column and what is wrong.
    public init(parsing line: String) throws(UdevRuleSyntaxError) {
        let characters = Array(line)
        var index = 0
        var keys: [Key] = []
        func fail(_ message: String) -> UdevRuleSyntaxError { UdevRuleSyntaxError(column: index + 1, message: message) }
        func skipSpaces() { while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 } }
        while true {
            skipSpaces()
            guard index < characters.count else { break }
            let keyStart = index
            func failAtKey(_ message: String) -> UdevRuleSyntaxError { UdevRuleSyntaxError(column: keyStart + 1, message: message) }
            var name = ""
            while index < characters.count, characters[index].isUppercase || characters[index] == "_" {
                name.append(characters[index])
                index += 1
            }
            guard !name.isEmpty else { throw fail("expected a key such as SUBSYSTEM") }
            guard Self.knownKeys.contains(name) else { throw failAtKey("unknown key \(name)") }
            var attribute: String?
            if index < characters.count, characters[index] == "{" {
                guard let close = characters[index...].firstIndex(of: "}") else { throw fail("missing } after \(name){") }
                attribute = String(characters[(index + 1)..<close])
                guard !attribute!.isEmpty else { throw fail("empty {} after \(name)") }
                index = close + 1
            }
            if (attribute != nil) != Self.keysWithAttribute.contains(name), name != "IMPORT", name != "RUN" {
                throw failAtKey(attribute == nil ? "\(name) needs an {attribute}" : "\(name) takes no {attribute}")
            }
            skipSpaces()
            let op = Operator.allCases.sorted { $0.rawValue.count > $1.rawValue.count }.first { candidate in
                let text = Array(candidate.rawValue)
                return index + text.count <= characters.count && Array(characters[index..<(index + text.count)]) == text
            }
            guard let op else { throw fail("expected an operator (==, !=, =, +=, -=, :=) after \(name)") }
            if Self.matchOnlyKeys.contains(name), !op.isMatch { throw fail("\(name) can only be matched (== or !=), not assigned") }
            if Self.assignOnlyKeys.contains(name), op.isMatch { throw fail("\(name) can only be assigned, not matched") }
            index += op.rawValue.count
            skipSpaces()
            guard index < characters.count, characters[index] == "\"" else { throw fail("the value of \(name) must be in double quotes") }
            guard let close = characters[(index + 1)...].firstIndex(of: "\"") else { throw fail("unterminated value of \(name)") }
            keys.append(Key(name, attribute, op, String(characters[(index + 1)..<close])))
            index = close + 1
            skipSpaces()
            guard index < characters.count else { break }
            guard characters[index] == "," else { throw fail("expected a comma between keys") }
            index += 1
        }
        guard !keys.isEmpty else { throw UdevRuleSyntaxError(column: 1, message: "empty rule") }
        guard keys.contains(where: { $0.op.isMatch }) else { throw UdevRuleSyntaxError(column: 1, message: "the rule matches nothing (no == or != key)") }
        self.keys = keys
    }

    /// Whether every match key of the rule holds for a device snapshot.
    ///
    /// Evaluates `SUBSYSTEM`, `KERNEL`, `ENV{…}` and `ATTRS{…}` (read from the USB device
    /// ancestor, where `idVendor`, `idProduct` and `serial` live) with udev's glob patterns,
    /// including `|` alternatives. Any other match key does not match.
    public func matches(_ device: UdevDevice) -> Bool {
        for key in self.keys where key.op.isMatch {
            let value: String?
            switch (key.name, key.attribute) {
            case ("SUBSYSTEM", nil): value = device.subsystem
            case ("KERNEL", nil): value = device.sysname
            case ("ENV", let name?): value = device.properties[name]
            case ("ATTRS", let name?): value = device.usbAttributes[name]
            default: return false
            }
            let matched = value.map { Self.glob(key.value, matches: $0) } ?? false
            if matched != (key.op == .equal) { return false }
        }
        return true
    }

    /// The values assigned to a key (`SYMLINK` += values, `MODE`, `GROUP`).
    public func assigned(_ name: String) -> [String] {
        self.keys.filter { $0.name == name && !$0.op.isMatch }.map(\.value)
    }

    /// udev's pattern match: fnmatch(3) on each `|`-separated alternative.
    static func glob(_ pattern: String, matches value: String) -> Bool {
        pattern.split(separator: "|", omittingEmptySubsequences: false).contains { fnmatch(String($0), value, 0) == 0 }
    }
}

/// Why a udev rule line does not parse.
public struct UdevRuleSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based column.
    public var column: Int
    /// What is wrong.
    public var message: String

    public var description: String { "column \(self.column): \(self.message)" }
}
