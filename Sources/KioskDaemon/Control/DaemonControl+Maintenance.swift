import ControlAPI
import Foundation
import Journal

extension DaemonControl {
    static let maintenanceOnCode = "maintenance-on"
    static let maintenanceOffCode = "maintenance-off"
    static let maintenanceOnMessage = "taken out of service for citizens"

    public func setMaintenance(_ enabled: Bool, reason: String?, requestedBy: ControlPeer?) async throws -> MaintenanceState {
        let operatorName = requestedBy?.operatorName ?? "unknown"
        let message = enabled ? Self.maintenanceOnMessage + (reason.map { ": \($0)" } ?? "") : "back in service for citizens" + (reason.map { ": \($0)" } ?? "")
        // Journal first: an operator action that is not on record did not happen.
        do {
            _ = try await self.journal.recordEvent(
                .operatorAction(operatorName, code: enabled ? Self.maintenanceOnCode : Self.maintenanceOffCode, message: message), at: Date())
        } catch {
            throw ControlError(.failed, "the journal did not record the maintenance change, so it was not made: \(error)")
        }
        let switched = enabled != self.maintenance.enabled
        self.maintenance = MaintenanceState(
            enabled: enabled, reason: enabled ? reason : nil, since: switched ? Date() : self.maintenance.since ?? Date())
        await self.runner.setHold(.maintenance, enabled)
        self.logger.notice(
            "maintenance \(enabled ? "on" : "off")", metadata: ["operator": "\(requestedBy?.description ?? "unknown")", "reason": "\(reason ?? "-")"])
        var state = self.maintenance
        state.visitInProgress = !(await self.runner.isResting)
        return state
    }

    /// Puts the kiosk back in maintenance after a restart when the last maintenance action in
    /// the journal switched it on: a crash must not hand a kiosk under repair back to citizens.
    func restoreMaintenance() async {
        do {
            let on = try await self.journal.events(matching: EventQuery(category: .operator, code: Self.maintenanceOnCode, limit: 1)).first
            let off = try await self.journal.events(matching: EventQuery(category: .operator, code: Self.maintenanceOffCode, limit: 1)).first
            guard let on, off.map({ $0.id < on.id }) ?? true else { return }
            let prefix = Self.maintenanceOnMessage + ": "
            let reason = on.event.message.hasPrefix(prefix) ? String(on.event.message.dropFirst(prefix.count)) : nil
            self.maintenance = MaintenanceState(enabled: true, reason: reason, since: on.at)
            await self.runner.setHold(.maintenance, true)
            self.logger.notice("maintenance mode restored from the journal", metadata: ["since": "\(on.at)", "by": "\(on.event.source)"])
        } catch {
            self.logger.error("cannot read the last maintenance action from the journal", metadata: ["error": "\(error)"])
        }
    }
}
