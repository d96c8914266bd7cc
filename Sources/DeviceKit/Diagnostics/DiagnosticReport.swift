import Foundation
import KioskCore

/// What `onetrip diag` asks for: a level and the roles to check.
public struct DiagnosticRequest: Hashable, Sendable, Codable {
    /// Run checks up to this level.
    public var level: DiagnosticLevel
    /// The roles to check (kiosk-wide checks always run).
    public var roles: [DeviceRole]

    /// Creates a request.
    public init(level: DiagnosticLevel = .internal, roles: [DeviceRole] = DeviceRole.allCases) {
        self.level = level
        self.roles = roles
    }
}

/// The results of one diagnostics run, in the order the checks ran.
public struct DiagnosticReport: Hashable, Sendable, Codable {
    /// One check's outcome.
    public struct Entry: Hashable, Sendable, Codable {
        /// The role checked (`nil`: kiosk-wide).
        public var role: DeviceRole?
        /// The check's name.
        public var check: String
        /// Its level.
        public var level: DiagnosticLevel
        /// What it found.
        public var result: DiagnosticResult
        /// How long it took, in milliseconds.
        public var milliseconds: Int

        /// Creates an entry.
        public init(role: DeviceRole?, check: String, level: DiagnosticLevel, result: DiagnosticResult, milliseconds: Int) {
            self.role = role
            self.check = check
            self.level = level
            self.result = result
            self.milliseconds = milliseconds
        }
    }

    /// What was asked.
    public var request: DiagnosticRequest
    /// Who ran the checks (`local`, or the daemon).
    public var source: String
    /// When the run started.
    public var startedAt: Date
    /// The results.
    public var entries: [Entry]

    /// Creates a report.
    public init(request: DiagnosticRequest, source: String, startedAt: Date, entries: [Entry]) {
        self.request = request
        self.source = source
        self.startedAt = startedAt
        self.entries = entries
    }

    /// The checks that failed.
    public var failures: [Entry] { self.entries.filter { $0.result.verdict == .failed } }

    /// The exit code rule: 0 when no check failed, 1 when any did (skipped checks do not fail).
    public var exitCode: Int32 { self.failures.isEmpty ? 0 : 1 }

    /// `6 checks: 4 passed, 1 failed, 1 skipped`.
    public var summary: String {
        let count = { (verdict: DiagnosticResult.Verdict) in self.entries.filter { $0.result.verdict == verdict }.count }
        return "\(self.entries.count) check\(self.entries.count == 1 ? "" : "s"): \(count(.passed)) passed, \(count(.failed)) failed, \(count(.skipped)) skipped"
    }
}
