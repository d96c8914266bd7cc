/// A profile's `serialPattern` (a regular expression) turned into a udev glob for
/// `ATTRS{serial}=="…"`, as closely as globs allow.
///
/// Globs cannot say "one or more digits", so some patterns become looser globs (`^IDR\d+$`
/// → `IDR[0-9]*`); ``isExact`` says so, and the daemon still checks the real pattern. Patterns
/// with groups or back-references have no useful glob: ``init(regex:)`` returns `nil` and the
/// rule matches on vendor and product id only.
public struct SerialGlob: Hashable, Sendable {
    /// The glob (`|` separates alternatives, as udev allows).
    public var pattern: String
    /// Whether the glob matches exactly the strings the regular expression matches.
    public var isExact: Bool

    /// Translates a regular expression, or returns `nil` when it has no glob form.
    public init?(regex: String) {
        // Top-level alternatives become udev's `|` alternatives.
        var alternatives: [String] = []
        var exact = true
        for branch in regex.split(separator: "|", omittingEmptySubsequences: false) {
            guard let (glob, isExact) = Self.translate(Array(branch)) else { return nil }
            alternatives.append(glob)
            exact = exact && isExact
        }
        self.pattern = alternatives.joined(separator: "|")
        self.isExact = exact
        guard !self.pattern.isEmpty, !self.pattern.contains("\"") else { return nil }
    }

    private static func translate(_ characters: [Character]) -> (String, Bool)? {
        var items = characters[...]
        var exact = true
        let anchoredStart = items.first == "^"
        if anchoredStart { items = items.dropFirst() }
        let anchoredEnd = items.last == "$" && !(items.count >= 2 && items[items.endIndex - 2] == "\\")
        if anchoredEnd { items = items.dropLast() }
        var atoms: [String] = []  // each atom as glob text
        var index = items.startIndex
        while index < items.endIndex {
            let character = items[index]
            var atom: String
            switch character {
            case "(", ")", "{", "}", "^", "$":
                return nil
            case ".":
                atom = "?"
            case "\\":
                index += 1
                guard index < items.endIndex else { return nil }
                switch items[index] {
                case "d": atom = "[0-9]"
                case "w": atom = "[A-Za-z0-9_]"
                case let escaped where escaped.isLetter || escaped.isNumber: return nil  // \s, \b, back-references
                case let escaped where "*?[".contains(escaped): atom = "[\(escaped)]"
                case let escaped: atom = String(escaped)
                }
            case "[":
                guard let close = items[index...].dropFirst().firstIndex(of: "]") else { return nil }
                var body = String(items[(index + 1)..<close])
                if body.hasPrefix("^") { body = "!" + body.dropFirst() }
                guard !body.contains("\\") else { return nil }
                atom = "[\(body)]"
                index = close
            case "*", "?", "+":
                return nil  // a quantifier with nothing before it
            default:
                atom = String(character)
            }
            index += 1
            // A quantifier after the atom: `.*` and `.+` are exact in glob form; a quantified
            // character or class can only become a looser `*`.
            if index < items.endIndex {
                let isAnyCharacter = character == "."
                switch items[index] {
                case "*":
                    atom = "*"
                    exact = exact && isAnyCharacter
                    index += 1
                case "+":
                    atom += "*"
                    exact = exact && isAnyCharacter
                    index += 1
                case "?":
                    atom = "*"
                    exact = false
                    index += 1
                case "{":
                    guard let close = items[index...].firstIndex(of: "}") else { return nil }
                    let counts = items[(index + 1)..<close].split(separator: ",", omittingEmptySubsequences: false)
                    guard let low = Int(counts.first.map { String($0) } ?? ""), low <= 64 else { return nil }
                    let repeated = String(repeating: atom, count: low)
                    if counts.count == 1 {
                        atom = repeated
                    } else {
                        atom = repeated + "*"
                        exact = false
                    }
                    index = close + 1
                default:
                    break
                }
            }
            atoms.append(atom)
        }
        let glob = (anchoredStart ? "" : "*") + atoms.joined() + (anchoredEnd ? "" : "*")
        var collapsed = ""
        for character in glob where !(character == "*" && collapsed.last == "*") { collapsed.append(character) }
        return (collapsed, exact)
    }
}
