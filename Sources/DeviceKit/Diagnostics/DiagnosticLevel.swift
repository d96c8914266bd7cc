/// How far a diagnostic check may go, after UnifiedPOS `CheckHealth` levels.
///
/// Running at a level runs every check up to it: `external` includes the internal checks.
public enum DiagnosticLevel: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Status queries and self-tests with no physical effect (safe while citizens are served).
    case `internal`
    /// Checks a technician can see or hear: a test receipt, a test page, a card read, a bill
    /// path cycle. Paper and time are spent.
    case external
    /// Guided checks that need a person at the kiosk ("place a test card now").
    case interactive

    /// What the level does, for `--help` and reports.
    public var summary: String {
        switch self {
        case .internal: "status queries, no physical effect"
        case .external: "test receipt, test page, card read, bill path: things a technician can see"
        case .interactive: "guided checks with a technician at the kiosk"
        }
    }

    public static func < (lhs: DiagnosticLevel, rhs: DiagnosticLevel) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}
