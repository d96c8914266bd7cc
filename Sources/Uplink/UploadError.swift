import Journal
import UploadContract

/// Why an upload attempt failed, in words for the queue status and a technician.
public enum UploadError: Error, Sendable, CustomStringConvertible {
    /// No answer: connection refused, DNS, timeout, TLS handshake (certificate not trusted).
    case unreachable(String)
    /// The back office refused the request (4xx) and said why.
    case rejected(status: Int, UploadProblem)
    /// The back office failed (5xx).
    case serverError(status: Int, String)
    /// An answer that is not the contract's (a proxy's page, a wrong kiosk).
    case unexpectedResponse(status: Int, String)
    /// The back office stored less than the batch (it answered with a lower sequence number).
    case incompleteAcknowledgement(sent: Int64, acknowledged: Int64)
    /// The journal failed.
    case journal(JournalError)

    public var description: String {
        switch self {
        case .unreachable(let reason): "the back office is unreachable: \(reason)"
        case .rejected(let status, let problem):
            switch problem.code {
            case .badSignature, .unknownKiosk, .missingSignature:
                "the back office refused the kiosk's signature (HTTP \(status), \(problem)): check kiosk.id and the upload key"
            case .timestampOutOfWindow: "the back office refused the request time (HTTP \(status), \(problem)): check the kiosk's clock"
            case .sequenceConflict: "the back office holds different records under these sequence numbers (HTTP \(status), \(problem))"
            default: "the back office refused the batch (HTTP \(status), \(problem))"
            }
        case .serverError(let status, let detail): "the back office failed (HTTP \(status)): \(detail)"
        case .unexpectedResponse(let status, let detail): "unexpected answer from the back office (HTTP \(status)): \(detail)"
        case .incompleteAcknowledgement(let sent, let acknowledged):
            "the back office acknowledged only up to \(acknowledged) of a batch ending at \(sent); the rest will be re-sent"
        case .journal(let error): "the journal failed: \(error)"
        }
    }
}
