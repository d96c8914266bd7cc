import Foundation
import KioskCore

/// What `GET /v1/sessions` answers: the visit under way (without personal data) and the
/// latest finished ones.
public struct SessionsReport: Hashable, Sendable, Codable {
    /// The visit under way, or `nil` when the kiosk waits for a card.
    public var current: CurrentVisit?
    /// The latest visits, newest first.
    public var recent: [SessionSummary]

    /// Creates a report.
    public init(current: CurrentVisit?, recent: [SessionSummary]) {
        self.current = current
        self.recent = recent
    }
}

/// The visit under way, as a technician may see it: where it stands, never who the citizen is.
public struct CurrentVisit: Hashable, Sendable, Codable {
    /// `HS-0001-000042`.
    public var sessionID: String
    /// The session machine's state (`serviceMenu`, `awaitingPayment`).
    public var state: String
    /// The screen the citizen sees.
    public var screen: Screen.Kind
    /// The service chosen, once chosen.
    public var service: ServiceCode?
    /// The transaction, once opened (`HS-0001-000042T`).
    public var transactionID: String?
    /// What is due.
    public var amountDue: Money?
    /// What has been paid so far.
    public var amountPaid: Money?
    /// Seconds until the current step times out, if it can.
    public var secondsToTimeout: Int?

    /// Creates the value.
    public init(
        sessionID: String, state: String, screen: Screen.Kind, service: ServiceCode? = nil, transactionID: String? = nil, amountDue: Money? = nil,
        amountPaid: Money? = nil, secondsToTimeout: Int? = nil
    ) {
        self.sessionID = sessionID
        self.state = state
        self.screen = screen
        self.service = service
        self.transactionID = transactionID
        self.amountDue = amountDue
        self.amountPaid = amountPaid
        self.secondsToTimeout = secondsToTimeout
    }
}

/// One visit from the journal, without personal data.
public struct SessionSummary: Hashable, Sendable, Codable {
    /// `HS-0001-000041`.
    public var sessionID: String
    /// When it started.
    public var startedAt: Date
    /// When it ended, if it has.
    public var endedAt: Date?
    /// How it ended (`completed`, `timedOut`).
    public var outcome: String?
    /// The service chosen.
    public var service: ServiceCode?
    /// The card type read (`resident`), if a card was read.
    public var cardType: CardType?

    /// Creates a summary.
    public init(sessionID: String, startedAt: Date, endedAt: Date? = nil, outcome: String? = nil, service: ServiceCode? = nil, cardType: CardType? = nil) {
        self.sessionID = sessionID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.service = service
        self.cardType = cardType
    }
}
