import KioskCore

extension DiagnosticReport {
    /// The report as an aligned table for a terminal, each fault and its remediation on its own
    /// line under the check, and the summary last.
    ///
    /// ```text
    /// ROLE            CHECK            LEVEL     RESULT  AVAILABILITY  DETAIL
    /// receiptPrinter  paper status     internal  FAILED  user error    paper roll empty
    ///   ✗ paper-out: the paper roll is empty → clear: load a new 80 mm roll and close the cover
    /// ```
    public var table: String {
        var table = TextTable(headings: ["ROLE", "CHECK", "LEVEL", "RESULT", "AVAILABILITY", "DETAIL"])
        var faultLines: [Int: [String]] = [:]
        for (index, entry) in self.entries.enumerated() {
            table.append([
                entry.role?.rawValue ?? "kiosk", entry.check, entry.level.rawValue, entry.result.verdict.label,
                entry.result.availability?.label ?? "-", entry.result.detail,
            ])
            faultLines[index] = entry.result.faults.map { "  ✗ \($0.code): \($0.summary) → \($0.remediation.action.rawValue): \($0.remediation.instruction)" }
        }
        let rendered = table.render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = [rendered[0]]
        for (index, line) in rendered.dropFirst().enumerated() {
            lines.append(line)
            lines += faultLines[index] ?? []
        }
        if self.entries.isEmpty { lines.append("(no checks selected)") }
        lines.append("")
        lines.append("\(self.summary) (\(self.source), level \(self.request.level.rawValue))")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension DiagnosticResult.Verdict {
    /// `ok`, `FAILED`, `skipped`: failures stand out.
    public var label: String {
        switch self {
        case .passed: "ok"
        case .failed: "FAILED"
        case .skipped: "skipped"
        }
    }
}
