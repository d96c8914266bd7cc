import Foundation
import KioskCore
import Records

/// Why one attempt at the gateway failed, and whether trying again could help.
struct AttemptFailure: Error, Sendable {
    /// What happened.
    enum Kind: Sendable {
        /// No complete answer within the attempt's deadline.
        case timedOut(after: Duration)
        /// No connection, a dropped connection, a failed TLS handshake.
        case unreachable(String)
        /// An HTTP status that is not an answer.
        case rejected(status: Int, detail: String)
        /// A 200 answer that is not the contract's records.
        case malformed(String)
        /// The caller's task was cancelled (the session moved on).
        case cancelled
    }

    /// What happened.
    var kind: Kind
    /// Whether another attempt may succeed: timeouts, connection failures and 500/502/503/504.
    /// Never a 4xx, a malformed answer or an untrusted certificate, which would fail the same way.
    var isRetryable: Bool

    static func timedOut(after: Duration) -> AttemptFailure { AttemptFailure(kind: .timedOut(after: after), isRetryable: true) }

    static func unreachable(_ reason: String, retryable: Bool = true) -> AttemptFailure {
        AttemptFailure(kind: .unreachable(reason), isRetryable: retryable)
    }

    static func rejected(status: Int, _ detail: String, retryable: Bool) -> AttemptFailure {
        AttemptFailure(kind: .rejected(status: status, detail: detail), isRetryable: retryable)
    }

    static func malformed(_ detail: String) -> AttemptFailure { AttemptFailure(kind: .malformed(detail), isRetryable: false) }

    static let cancelled = AttemptFailure(kind: .cancelled, isRetryable: false)

    /// The provider's error, with the lookup named by `label` and the document number masked
    /// wherever a text from the gateway might have echoed it.
    func providerError(label: String, redacting number: DocumentNumber) -> RecordsProviderError {
        func clean(_ text: String) -> String { Redaction.masking(number, in: text) }
        switch self.kind {
        case .timedOut(let after): return .timedOut(source: label, after: after)
        case .unreachable(let reason): return .unreachable(source: label, reason: clean(reason))
        case .rejected(let status, let detail): return .rejected(source: label, status: status, detail: clean(detail))
        case .malformed(let detail): return .malformed(source: label, detail: clean(detail))
        case .cancelled: return .unreachable(source: label, reason: "the lookup was cancelled before the gateway answered")
        }
    }

    /// A short form for log lines (no personal data: built from statuses and library errors).
    var summary: String {
        switch self.kind {
        case .timedOut(let after): "no answer within \(after)"
        case .unreachable(let reason): reason
        case .rejected(let status, let detail): "HTTP \(status): \(detail)"
        case .malformed(let detail): detail
        case .cancelled: "cancelled"
        }
    }
}

/// Masks a document number wherever it appears in a text.
enum Redaction {
    /// `text` with every occurrence of the full number (any letter case) replaced by its masked form.
    static func masking(_ number: DocumentNumber, in text: String) -> String {
        let full = number.unmaskedValue
        guard !full.isEmpty else { return text }
        return text.replacingOccurrences(of: full, with: number.masked, options: [.caseInsensitive])
    }
}
