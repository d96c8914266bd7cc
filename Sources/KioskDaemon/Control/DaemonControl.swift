import ControlAPI
import DeviceKit
import Foundation
import Journal
import KioskCore
import Logging
import Uplink

/// The daemon's side of the control API (``ControlAPI/KioskControl``), over its assembly: the
/// status from the health board, the session runner, the journal and the uploader; devices
/// from the board; visits from the journal (no personal data); maintenance through the
/// session runner; the queue through the journal's outbox and the uploader; diagnostics on the
/// drivers the daemon runs.
///
/// An actor: a flush and a diagnostics run each run one at a time (a second is refused with a
/// conflict), and maintenance changes apply in the order they arrive.
public actor DaemonControl: KioskControl {
    /// The daemon's version, for `onetrip status`.
    public static let version = "0.1.0"

    let assembly: KioskAssembly
    let diagnostics: DaemonDiagnostics
    let clock = ContinuousClock()
    let startedAt: ContinuousClock.Instant
    var maintenance = MaintenanceState(enabled: false)
    var isFlushing = false
    var isDiagnosing = false

    /// Creates the control over an assembly (nothing runs until the control server starts).
    public init(assembly: KioskAssembly) {
        self.assembly = assembly
        self.diagnostics = DaemonDiagnostics(devices: assembly.devices, profiles: assembly.profiles, configuration: assembly.configuration)
        self.startedAt = ContinuousClock.now
    }

    var runner: SessionRunner { self.assembly.runner }
    var journal: Journal { self.assembly.journal }
    var logger: Logger { self.assembly.logger }

    public func status() async throws -> KioskStatusReport {
        let runner = self.runner
        let statuses = await self.assembly.board.statuses
        let elapsed = self.clock.now - self.startedAt
        var maintenance = self.maintenance
        maintenance.visitInProgress = !(await runner.isResting)
        let queue = try? await self.queue().summary
        return KioskStatusReport(
            kioskID: self.assembly.configuration.kiosk.id, version: Self.version, startedAt: self.assembly.startedAt,
            uptimeSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            sessionState: await runner.state.controlName, screen: await runner.currentScreen.kind, inService: await runner.isInService,
            maintenance: maintenance, devices: DeviceRole.allCases.map { statuses[$0] ?? .noDevice($0) }, queue: queue)
    }

    public func devices() async throws -> [DeviceReport] {
        let board = self.assembly.board
        let statuses = await board.statuses
        let statistics = await board.statistics()
        return DeviceRole.allCases.map { role in
            let status = statuses[role] ?? .noDevice(role)
            let target = self.diagnostics.targets[role]
            return DeviceReport(
                role: role, status: status, identity: DeviceIdentity(parsing: status.deviceID), endpoint: target?.reach, profile: target?.profile.id,
                model: target?.profile.model ?? status.model,
                statistics: statistics.first { $0.role == role && $0.deviceID == status.deviceID })
        }
    }

    public func sessions() async throws -> SessionsReport {
        let runner = self.runner
        let current = await runner.state.currentVisit(screen: await runner.currentScreen.kind, timeToDeadline: await runner.timeToDeadline)
        let recent = try await self.journal.sessions(matching: SessionQuery(limit: 20)).map { visit in
            SessionSummary(
                sessionID: visit.id, startedAt: visit.startedAt, endedAt: visit.endedAt, outcome: visit.outcome?.rawValue, service: visit.service,
                cardType: visit.cardType)
        }
        return SessionsReport(current: current, recent: recent)
    }
}
