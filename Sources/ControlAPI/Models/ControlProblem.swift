/// An error on the wire (`application/problem+json`, after RFC 9457): the HTTP status, a short
/// title and a detail a technician can act on.
///
/// ```json
/// {"status": 409, "title": "conflict", "detail": "a queue flush is already running; wait for it to finish"}
/// ```
public struct ControlProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    /// The kind of problem, in a word or two (`bad request`, `conflict`).
    public var title: String
    /// What went wrong and what to do about it.
    public var detail: String

    /// Creates a problem.
    public init(status: Int, title: String, detail: String) {
        self.status = status
        self.title = title
        self.detail = detail
    }

    public var description: String { self.detail }
}

/// What a ``KioskControl`` implementation throws to refuse a request in words the technician
/// reads (any other error becomes a 500 with the error's description).
///
/// ```swift
/// guard !self.isFlushing else { throw ControlError.conflict("a queue flush is already running; wait for it to finish") }
/// ```
public struct ControlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal, which picks the HTTP status.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The request makes no sense (400).
        case badRequest = "bad request"
        /// The kiosk's state does not allow it now (409): a visit is under way, a flush runs.
        case conflict
        /// The daemon cannot do it at all (503): no back office configured, devices not started.
        case unavailable = "unavailable"
        /// Something failed inside the daemon (500).
        case failed = "internal error"

        /// The HTTP status code.
        public var status: Int {
            switch self {
            case .badRequest: 400
            case .conflict: 409
            case .unavailable: 503
            case .failed: 500
            }
        }
    }

    /// The kind.
    public var kind: Kind
    /// What went wrong and what to do about it.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A request that makes no sense (400).
    public static func badRequest(_ message: String) -> ControlError { ControlError(.badRequest, message) }
    /// Not now (409).
    public static func conflict(_ message: String) -> ControlError { ControlError(.conflict, message) }
    /// Not possible on this kiosk (503).
    public static func unavailable(_ message: String) -> ControlError { ControlError(.unavailable, message) }

    /// The problem object sent for it.
    public var problem: ControlProblem { ControlProblem(status: self.kind.status, title: self.kind.rawValue, detail: self.message) }

    public var description: String { self.message }
}
