import DeviceKit

/// What the daemon offers its control API: the operations behind each endpoint of
/// ``ControlServer``. `onetripd` implements it over its session runner, device health board,
/// journal and uploader; tests implement it over canned state.
///
/// Every method may be called from any task, concurrently with the others. To refuse a request
/// in words the technician reads, throw ``ControlError`` (`.conflict("a flush is already
/// running")`); any other error is answered as a 500 with its description. Never put personal
/// data (names, ID numbers, addresses) in a report or an error.
public protocol KioskControl: Sendable {
    /// `GET /v1/status`: the kiosk at a glance.
    func status() async throws -> KioskStatusReport

    /// `GET /v1/devices`: every role's status, device, profile and statistics, in role order.
    func devices() async throws -> [DeviceReport]

    /// `POST /v1/diagnostics`: runs the checks a request selects on the devices the daemon owns.
    /// - Parameter onEntry: called after each check, in order (streamed to the client as it
    ///   happens); the call returns once the line is queued.
    /// - Returns: the full report (its `source` names the daemon).
    func runDiagnostics(_ request: DiagnosticRequest, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void) async throws
        -> DiagnosticReport

    /// `GET /v1/sessions`: the visit under way and the latest visits, without personal data.
    func sessions() async throws -> SessionsReport

    /// `POST /v1/maintenance`: takes the kiosk out of service for citizens (a visit under way
    /// finishes first) or puts it back, and journals the operator action.
    /// - Parameters:
    ///   - reason: the technician's words, already trimmed, one line, at most
    ///     ``MaintenanceRequest/maximumReasonLength`` characters.
    ///   - requestedBy: who asked, from the kernel (`nil` where it cannot tell): journal the
    ///     action under ``ControlPeer/operatorName``.
    /// - Returns: the state after the change.
    func setMaintenance(_ enabled: Bool, reason: String?, requestedBy: ControlPeer?) async throws -> MaintenanceState

    /// `GET /v1/queue`: the upload queue.
    func queue() async throws -> QueueReport

    /// `POST /v1/queue/flush`: uploads until the queue is empty.
    /// - Parameter progress: called after each acknowledged batch (streamed to the client).
    /// - Throws: ``ControlError/unavailable(_:)`` without a back office, or the upload failure
    ///   that made the daemon stop trying.
    func flushQueue(progress: @escaping @Sendable (QueueFlushProgress) async -> Void) async throws -> QueueFlushResult
}
