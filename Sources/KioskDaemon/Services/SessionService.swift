import Logging
import ServiceLifecycle

/// Runs the session. On graceful shutdown (SIGTERM) the visit in progress is finished or
/// safely aborted — a citizen paying gets escrowed cash back, a print is followed to its end or
/// its timeout — and the service returns once the kiosk rests.
struct SessionService: ServiceLifecycle.Service {
    let runner: SessionRunner

    func run() async throws {
        await withGracefulShutdownHandler {
            await self.runner.run()
        } onGracefulShutdown: {
            Task { await self.runner.finish() }
        }
    }
}

/// Serves the screen socket to the terminal UI and feeds the citizen's input to the session.
struct ScreenService: ServiceLifecycle.Service {
    let server: ScreenServer
    let runner: SessionRunner

    func run() async throws {
        await withGracefulShutdownHandler {
            await self.server.serve { input in self.runner.send(input.sessionEvent) }
        } onGracefulShutdown: {
            self.server.close()
        }
    }
}
