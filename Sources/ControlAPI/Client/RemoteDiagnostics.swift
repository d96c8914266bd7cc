import DeviceKit

/// Diagnostics run by the daemon, which owns the devices while it runs: `onetrip diag` uses
/// this source when the control socket answers, and ``LocalDiagnostics`` otherwise.
///
/// The daemon has no technician at its terminal, so guided (interactive) checks are skipped
/// there; the prompter in the context is not used.
public struct RemoteDiagnostics: DiagnosticsSource {
    /// The daemon's control API.
    public var client: ControlClient

    /// Creates the source.
    public init(client: ControlClient) {
        self.client = client
    }

    public var name: String { "onetripd" }

    public func runDiagnostics(
        _ request: DiagnosticRequest, context: DiagnosticContext, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void
    ) async throws -> DiagnosticReport {
        try await self.client.runDiagnostics(request, onEntry: onEntry)
    }
}
