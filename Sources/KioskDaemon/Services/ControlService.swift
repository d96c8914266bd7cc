import ControlAPI
import Foundation
import Journal
import Logging
import ServiceLifecycle

/// Serves the control API (``ControlAPI/ControlServer``) on `sockets.control`, after putting
/// back a maintenance mode the journal says was on. A control socket that cannot be set up (no
/// such group, another daemon on the socket) is logged and journalled, and the kiosk goes on
/// serving citizens: operators lose their commands, citizens lose nothing.
struct ControlService: ServiceLifecycle.Service {
    let server: ControlServer
    let control: DaemonControl
    let journal: Journal
    let logger: Logger

    init(assembly: KioskAssembly) {
        let sockets = assembly.configuration.sockets
        self.control = DaemonControl(assembly: assembly)
        self.server = ControlServer(
            control: self.control, configuration: ControlServer.Configuration(socketPath: sockets.control, group: sockets.group),
            logger: assembly.logger)
        self.journal = assembly.journal
        self.logger = assembly.logger
    }

    func run() async throws {
        await self.control.restoreMaintenance()
        do {
            try await self.server.run()
        } catch {
            guard !Task.isCancelled else { return }
            self.logger.critical("the control API is not available; the kiosk goes on serving citizens", metadata: ["error": "\(error)"])
            _ = try? await self.journal.recordEvent(
                JournalEvent(
                    level: .error, category: .system, source: "onetripd", code: "control-api-failed", message: "control API not available: \(error)",
                    delivery: .audit),
                at: Date())
            // Stay in the group until shutdown: a service that returns would stop the kiosk.
            try? await gracefulShutdown()
        }
    }
}
