import Logging
import ServiceLifecycle

/// Tells systemd the kiosk is ready, pings its watchdog, and says STOPPING when the group shuts
/// down. Listed last in the group so it hears about shutdown first.
struct SystemdService: ServiceLifecycle.Service {
    let notifier: SystemdNotifier?
    let status: String
    let logger: Logger

    func run() async throws {
        guard let notifier = self.notifier else {
            try? await gracefulShutdown()
            return
        }
        do {
            try notifier.ready(status: self.status)
        } catch {
            self.logger.warning("systemd notify failed", metadata: ["error": "\(error)"])
        }
        let interval = notifier.watchdogInterval
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                guard let interval else {
                    try? await gracefulShutdown()
                    break
                }
                try? await Task.sleep(for: interval)
                try? notifier.watchdogPing()
            }
        } onGracefulShutdown: {
            try? notifier.stopping(status: "finishing the current visit")
        }
    }
}
