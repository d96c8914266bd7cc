import COneTripCUPS

/// Why talking to CUPS, or to the printer behind a queue, failed: each case says what a
/// technician should look at.
public enum CUPSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The scheduler could not be reached.
    case connectFailed(server: String, reason: String)
    /// The scheduler has no queue of that name.
    case queueNotFound(queue: String, server: String)
    /// The queue rejects jobs (`cupsreject`, or a printer error policy).
    case notAcceptingJobs(queue: String, message: String)
    /// The printer does not support an option the kiosk is configured to send.
    case unsupportedOption(queue: String, option: String, value: String)
    /// An IPP operation failed.
    case requestFailed(operation: String, status: Int32, message: String)
    /// The document could not be streamed to the scheduler.
    case sendFailed(jobID: Int32, detail: String)
    /// The printer behind the queue did not answer.
    case deviceUnreachable(uri: String, reason: String)
    /// The worker thread was stopped.
    case workerStopped

    public var description: String {
        switch self {
        case .connectFailed(let server, let reason): "cannot reach the CUPS scheduler at \(server): \(reason) (is cupsd running?)"
        case .queueNotFound(let queue, let server): "CUPS at \(server) has no queue '\(queue)' (create it with lpadmin)"
        case .notAcceptingJobs(let queue, let message): "queue \(queue) is not accepting jobs: \(message) (cupsaccept \(queue))"
        case .unsupportedOption(let queue, let option, let value):
            "the printer behind \(queue) does not support \(option)=\(value); fix the kiosk's printer settings"
        case .requestFailed(let operation, let status, let message): "\(operation) failed: \(message) (IPP status 0x\(String(status, radix: 16)))"
        case .sendFailed(let jobID, let detail): "sending the document of job \(jobID) failed: \(detail)"
        case .deviceUnreachable(let uri, let reason): "the printer at \(uri) does not answer: \(reason)"
        case .workerStopped: "the CUPS client was shut down"
        }
    }

    /// Whether the connection should be dropped and opened again (cupsd restarting or gone).
    var needsReconnect: Bool {
        switch self {
        case .connectFailed: true
        case .requestFailed(_, let status, _): status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE.rawValue || status == IPP_STATUS_ERROR_INTERNAL.rawValue
        case .sendFailed: true
        default: false
        }
    }

    /// libcups's last error on this thread, as `code message`.
    static func lastErrorMessage() -> String {
        let code = cupsLastError()
        // cupsLastErrorString() is NULL on a thread that has had no error (cups-printing.md §1.8).
        let message = cupsLastErrorString().map { String(cString: $0) } ?? "no message"
        return "\(code.rawValue) \(message)"
    }

    /// libcups's last error as a failed request.
    static func lastRequestFailure(_ operation: String) -> CUPSError {
        .requestFailed(
            operation: operation, status: Int32(cupsLastError().rawValue),
            message: cupsLastErrorString().map { String(cString: $0) } ?? "no message")
    }
}
