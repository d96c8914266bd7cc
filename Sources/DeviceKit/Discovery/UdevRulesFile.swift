/// A udev `.rules` file: comment lines and rules, as `onetrip devices udev-rules` writes it
/// and as udev(7) reads it (`#` comments, blank lines, `\` continuation lines).
public struct UdevRulesFile: Hashable, Sendable {
    /// One line of the file.
    public enum Line: Hashable, Sendable {
        /// A comment (without the `# `).
        case comment(String)
        /// An empty line.
        case blank
        /// A rule.
        case rule(UdevRule)
    }

    /// The lines, in order.
    public var lines: [Line]

    /// Creates a file.
    public init(lines: [Line]) {
        self.lines = lines
    }

    /// The rules.
    public var rules: [UdevRule] {
        self.lines.compactMap { if case .rule(let rule) = $0 { rule } else { nil } }
    }

    /// What the rules assign to a device, applied in file order as udev does: the symlinks
    /// (`+=` adds, `-=` removes, `=` replaces) and the last `OWNER`, `GROUP` and `MODE`.
    public func assignments(for device: UdevDevice) -> (symlinks: Set<String>, owner: String?, group: String?, mode: String?) {
        var symlinks: Set<String> = []
        var owner: String?
        var group: String?
        var mode: String?
        for rule in self.rules where rule.matches(device) {
            for key in rule.keys where !key.op.isMatch {
                switch (key.name, key.op) {
                case ("SYMLINK", .add): symlinks.formUnion(key.value.split(separator: " ").map(String.init))
                case ("SYMLINK", .remove): symlinks.subtract(key.value.split(separator: " ").map(String.init))
                case ("SYMLINK", _): symlinks = Set(key.value.split(separator: " ").map(String.init))
                case ("OWNER", _): owner = key.value
                case ("GROUP", _): group = key.value
                case ("MODE", _): mode = key.value
                default: break
                }
            }
        }
        return (symlinks, owner, group, mode)
    }

    /// The text to install as `/etc/udev/rules.d/70-onetrip.rules`.
    public var text: String {
        self.lines.map { line in
            switch line {
            case .comment(let text): text.isEmpty ? "#" : "# \(text)"
            case .blank: ""
            case .rule(let rule): rule.description
            }
        }.joined(separator: "\n") + "\n"
    }

    /// Parses a rules file.
    /// - Throws: ``UdevRulesFileError`` with the line and column of the first error.
    public init(parsing text: String) throws(UdevRulesFileError) {
        var lines: [Line] = []
        var pending = ""
        var pendingStart = 0
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in rawLines.enumerated() {
            let number = offset + 1
            var line = String(raw)
            if pending.isEmpty { pendingStart = number }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending += line
                continue
            }
            line = pending + line
            pending = ""
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                // The empty string after the final newline is not a line.
                if offset < rawLines.count - 1 { lines.append(.blank) }
            } else if trimmed.hasPrefix("#") {
                lines.append(.comment(String(trimmed.dropFirst()).trimmingSpaces))
            } else {
                do {
                    lines.append(.rule(try UdevRule(parsing: trimmed)))
                } catch {
                    throw UdevRulesFileError(line: pendingStart, error: error)
                }
            }
        }
        guard pending.isEmpty else {
            throw UdevRulesFileError(line: pendingStart, error: UdevRuleSyntaxError(column: 1, message: "the file ends inside a continued line"))
        }
        self.lines = lines
    }
}

/// A syntax error in a rules file: `line 12: column 30: unknown key ATTRIBUTE`.
public struct UdevRulesFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The error within the line.
    public var error: UdevRuleSyntaxError

    public var description: String { "line \(self.line): \(self.error)" }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
