/// Where diagnostics run. The daemon owns the devices while it runs, so `onetrip diag` asks it
/// to run the checks (and gets the same report back over its control socket); with no daemon
/// running, the tool opens the devices itself (``LocalDiagnostics``).
public protocol DiagnosticsSource: Sendable {
    /// A name for the report (`local`, `onetripd`).
    var name: String { get }

    /// Runs the checks a request selects.
    /// - Throws: when the source cannot run diagnostics at all (the daemon went away).
    func runDiagnostics(
        _ request: DiagnosticRequest, context: DiagnosticContext, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void
    ) async throws -> DiagnosticReport
}

/// Diagnostics run in this process, against the devices discovery found and the checks a
/// catalogue builds for them.
public struct LocalDiagnostics: DiagnosticsSource {
    /// The checks on offer.
    public var catalogue: DiagnosticCatalogue
    /// The devices and profiles.
    public var environment: DiagnosticEnvironment

    /// Creates the source.
    public init(catalogue: DiagnosticCatalogue, environment: DiagnosticEnvironment) {
        self.catalogue = catalogue
        self.environment = environment
    }

    public var name: String { "local" }

    public func runDiagnostics(
        _ request: DiagnosticRequest, context: DiagnosticContext, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void
    ) async throws -> DiagnosticReport {
        let runner = DiagnosticRunner(checks: self.catalogue.checks(for: self.environment))
        return await runner.run(request, context: context, source: self.name, onEntry: onEntry)
    }
}
