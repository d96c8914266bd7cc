import Logging
import ServiceLifecycle

extension KioskAssembly {
    /// The daemon's services in start order. Graceful shutdown runs in reverse: systemd hears
    /// STOPPING first, the control socket closes (no operator starts a flush or a test receipt
    /// while the kiosk stops; requests in flight finish), uploads stop, the session finishes its
    /// visit (the citizen still sees the screens), then the screen socket closes, and the
    /// drivers stop last (the session may still need them to return a note or finish a print).
    /// Call once: the control service holds the maintenance state.
    public func services() -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DeviceDriversService(assembly: self)),
            .init(service: HealthService(board: self.board, runner: self.runner, journal: self.journal, logger: self.logger)),
            .init(service: ScreenService(server: self.screenServer, runner: self.runner)),
            .init(service: SessionService(runner: self.runner), successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let uploader = self.uploader {
            services.append(.init(service: uploader))
        }
        services.append(.init(service: ControlService(assembly: self)))
        services.append(
            .init(
                service: SystemdService(notifier: SystemdNotifier(), status: "serving citizens at kiosk \(self.configuration.kiosk.id)", logger: self.logger)))
        return services
    }
}
