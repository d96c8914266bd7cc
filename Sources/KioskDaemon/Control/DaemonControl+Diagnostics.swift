import ControlAPI
import DeviceKit
import Foundation
import Journal

extension DaemonControl {
    /// Runs the checks on the daemon's own drivers. Internal checks run at any time (status
    /// queries). External checks print and open the bill path, so they run only while no
    /// citizen's visit is under way, and the kiosk is held out of service while they run (a
    /// citizen placing a card then sees "under maintenance", not a test receipt coming out).
    public func runDiagnostics(
        _ request: DiagnosticRequest, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void
    ) async throws -> DiagnosticReport {
        guard !self.isDiagnosing else { throw ControlError.conflict("a diagnostics run is already under way; wait for it to finish") }
        self.isDiagnosing = true
        defer { self.isDiagnosing = false }
        let runner = self.runner
        let quiet = request.level >= .external
        if quiet {
            try await self.refuseDuringVisit(request)
            await runner.setHold(.diagnostics, true)
            // Every event queued before the hold (a card placed a moment ago) is handled once
            // the session shows maintenance; only then is "no visit" reliable.
            _ = await DiagnosticWait.until(timeout: .seconds(5)) { await runner.isInMaintenance ? true : nil }
            do {
                try await self.refuseDuringVisit(request)
            } catch {
                await runner.setHold(.diagnostics, false)
                throw error
            }
        }
        let checks = self.diagnostics.checks(roles: request.roles, statuses: await self.assembly.board.statuses)
        let report = await DiagnosticRunner(checks: checks).run(request, source: "onetripd", onEntry: onEntry)
        if quiet { await runner.setHold(.diagnostics, false) }
        _ = try? await self.journal.recordEvent(
            JournalEvent(
                level: report.failures.isEmpty ? .info : .warning, category: .system, source: "onetripd", code: "diagnostics",
                message: "diagnostics at level \(request.level.rawValue): \(report.summary)", delivery: .telemetry),
            at: Date())
        return report
    }

    private func refuseDuringVisit(_ request: DiagnosticRequest) async throws {
        guard await self.runner.isResting else {
            throw ControlError.conflict(
                "a citizen's visit is under way, and \(request.level.rawValue) checks print or open the bill path; take the kiosk out of service first: onetrip maintenance on (the visit finishes, then run diag again)"
            )
        }
    }
}
