import ControlAPI
import KioskCore

extension KioskSession.State {
    /// The state's name for the control API (`idle`, `awaitingPayment`): never any citizen data,
    /// which `String(describing:)` of the state would include.
    var controlName: String {
        switch self {
        case .idle: "idle"
        case .outOfService: "outOfService"
        case .readingCard: "readingCard"
        case .cardRejected: "cardRejected"
        case .serviceMenu: "serviceMenu"
        case .fetchingRecords: "fetchingRecords"
        case .preview: "preview"
        case .awaitingPayment: "awaitingPayment"
        case .printing: "printing"
        case .collect: "collect"
        case .error: "error"
        }
    }

    /// The visit under way as a technician may see it (where it stands, not who the citizen
    /// is), or `nil` when no visit has a number yet.
    func currentVisit(screen: Screen.Kind, timeToDeadline: Duration?) -> CurrentVisit? {
        let seconds = timeToDeadline.map { max(0, Int($0.components.seconds)) }
        var visit: CurrentVisit
        switch self {
        case .idle, .outOfService, .readingCard:
            return nil
        case .cardRejected(let id, _):
            visit = CurrentVisit(sessionID: id.description, state: self.controlName, screen: screen)
        case .serviceMenu(let citizen), .fetchingRecords(let citizen), .preview(let citizen, _), .awaitingPayment(let citizen, _),
            .printing(let citizen, _):
            visit = CurrentVisit(
                sessionID: citizen.id.description, state: self.controlName, screen: screen, service: citizen.service?.code,
                transactionID: citizen.transaction?.id.description, amountDue: citizen.transaction?.amountDue,
                amountPaid: citizen.transaction?.amountPaid)
        case .collect(let farewell), .error(let farewell):
            guard let id = farewell.sessionID else { return nil }
            visit = CurrentVisit(sessionID: id.description, state: self.controlName, screen: screen, transactionID: farewell.transactionID?.description)
        }
        visit.secondsToTimeout = seconds
        return visit
    }
}
