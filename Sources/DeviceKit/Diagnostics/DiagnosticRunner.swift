import Foundation
import KioskCore

/// Runs the registered checks a request selects, one at a time (they share physical devices,
/// and a guided check needs the technician's attention), each within its timeout.
public struct DiagnosticRunner: Sendable {
    /// Every check available.
    public var checks: [any DiagnosticCheck]

    /// Creates a runner.
    public init(checks: [any DiagnosticCheck]) {
        self.checks = checks
    }

    /// The checks a request selects, in run order: kiosk-wide first, then by role, then by
    /// level, keeping registration order otherwise.
    public func selected(for request: DiagnosticRequest) -> [any DiagnosticCheck] {
        let chosen = self.checks.enumerated().filter { _, check in
            check.level <= request.level && (check.role.map(request.roles.contains) ?? true)
        }
        return chosen.sorted { lhs, rhs in
            let left = (lhs.element.role.map { $0.order + 1 } ?? 0, lhs.element.level, lhs.offset)
            let right = (rhs.element.role.map { $0.order + 1 } ?? 0, rhs.element.level, rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// Runs the selected checks.
    /// - Parameters:
    ///   - request: the level and roles.
    ///   - context: the technician, for guided checks.
    ///   - source: who runs them (for the report).
    ///   - onEntry: called after each check (to print progress).
    public func run(
        _ request: DiagnosticRequest, context: DiagnosticContext = DiagnosticContext(), source: String = "local",
        onEntry: @Sendable (DiagnosticReport.Entry) async -> Void = { _ in }
    ) async -> DiagnosticReport {
        let startedAt = Date()
        var entries: [DiagnosticReport.Entry] = []
        let clock = ContinuousClock()
        for check in self.selected(for: request) {
            let start = clock.now
            let result: DiagnosticResult
            if check.level == .interactive, !context.prompter.isInteractive {
                result = .skipped("needs a technician at the kiosk: run onetrip diag in a terminal there, without --json")
            } else {
                result = await Self.run(check, context: context)
            }
            let elapsed = clock.now - start
            let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            let entry = DiagnosticReport.Entry(role: check.role, check: check.name, level: check.level, result: result, milliseconds: milliseconds)
            entries.append(entry)
            await onEntry(entry)
        }
        return DiagnosticReport(request: request, source: source, startedAt: startedAt, entries: entries)
    }

    private static func run(_ check: any DiagnosticCheck, context: DiagnosticContext) async -> DiagnosticResult {
        await withTaskGroup(of: DiagnosticResult?.self) { group in
            group.addTask { await check.run(in: context) }
            group.addTask {
                try? await Task.sleep(for: check.timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .timedOut(after: check.timeout, role: check.role)
        }
    }
}
