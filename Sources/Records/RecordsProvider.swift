import KioskCore

/// Where a kiosk gets a citizen's records from other departments: the data sharing that lets a
/// citizen come with nothing but their ID card.
///
/// Implementations: ``EmbeddedRecordsProvider`` (the synthetic demo data in `seeds/`, the
/// default) and the HTTP gateway provider (JSON over HTTPS to a government data-sharing gateway).
public protocol RecordsProvider: Sendable {
    /// A name for logs and diagnostics (`embedded seeds`, `gateway https://…`).
    var name: String { get }
    /// Fetches one source's records for a document number.
    /// - Returns: the records, or `nil` when the department has none for this citizen.
    /// - Throws: ``RecordsProviderError`` when the source cannot answer.
    func records(from source: RecordsSource, for documentNumber: DocumentNumber) async throws(RecordsProviderError) -> CitizenRecords?
}

/// Why a records source could not answer, for technicians (the citizen sees the session's wording).
public enum RecordsProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The source did not answer in time.
    case timedOut(source: String, after: Duration)
    /// The source could not be reached (network down, refused).
    case unreachable(source: String, reason: String)
    /// The source answered with an error status.
    case rejected(source: String, status: Int, detail: String)
    /// The answer could not be understood.
    case malformed(source: String, detail: String)
    /// The provider is misconfigured (missing seed file, bad URL).
    case misconfigured(String)

    public var description: String {
        switch self {
        case .timedOut(let source, let after): "\(source) did not answer within \(after)"
        case .unreachable(let source, let reason): "\(source) is unreachable: \(reason)"
        case .rejected(let source, let status, let detail): "\(source) answered HTTP \(status): \(detail)"
        case .malformed(let source, let detail): "\(source) sent an answer that could not be read: \(detail)"
        case .misconfigured(let detail): "records provider misconfigured: \(detail)"
        }
    }

    /// The session's view of the failure.
    public var recordsFailure: RecordsFailure {
        switch self {
        case .malformed(_, let detail): .malformedAnswer(detail)
        default: .sourceUnavailable(self.description)
        }
    }
}
