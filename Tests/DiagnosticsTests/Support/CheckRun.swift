import DeviceKit
import Foundation
import KioskCore
import Testing

/// Runs checks the way `onetrip diag` does (through ``DeviceKit/DiagnosticRunner``, with its
/// timeouts) and picks results out of the report.
struct CheckRun {
    let report: DiagnosticReport

    /// Runs `checks` up to `level` with a technician (or none).
    static func run(
        _ checks: [any DiagnosticCheck], level: DiagnosticLevel, technician: (any DiagnosticPrompter)? = nil
    ) async -> CheckRun {
        let context = DiagnosticContext(prompter: technician ?? UnattendedPrompter())
        let report = await DiagnosticRunner(checks: checks).run(DiagnosticRequest(level: level), context: context, source: "test")
        return CheckRun(report: report)
    }

    /// The result of the check named `name`.
    func result(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DiagnosticResult {
        try #require(self.report.entries.first { $0.check == name }, "no check '\(name)' in \(self.report.entries.map(\.check))", sourceLocation: sourceLocation).result
    }

    /// The report as JSON text (what `onetrip diag --json` prints), for privacy assertions.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self.report)) ?? Data(), as: UTF8.self)
    }
}

/// What a failing result must carry: availability, one fault with this code, its remediation.
func expectFailure(
    _ result: DiagnosticResult, _ availability: DeviceAvailability, code: String, action: Remediation.Action, instruction: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.verdict == .failed, "\(result)", sourceLocation: sourceLocation)
    #expect(result.availability == availability, "\(result)", sourceLocation: sourceLocation)
    let fault = result.faults.first { $0.code == code }
    #expect(fault != nil, "no fault \(code) in \(result.faults.map(\.code)): \(result.detail)", sourceLocation: sourceLocation)
    #expect(fault?.remediation.action == action, "\(String(describing: fault))", sourceLocation: sourceLocation)
    #expect(fault?.remediation.instruction.contains(instruction) == true, "\(String(describing: fault?.remediation.instruction))", sourceLocation: sourceLocation)
}
