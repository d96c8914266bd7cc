import DeviceKit
import Foundation
import Journal
import Logging
import ServiceLifecycle

/// Tells the session when a device role becomes usable or unusable, books device hours every
/// minute, and purges acknowledged journal rows past their retention every hour.
struct HealthService: ServiceLifecycle.Service {
    let board: DeviceHealthBoard
    let runner: SessionRunner
    let journal: Journal
    let logger: Logger

    func run() async throws {
        let changes = await self.board.changes()
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await change in changes {
                        let status = change.status
                        let code = status.faults.first?.code ?? status.availability.rawValue
                        let level: JournalEvent.Level = status.availability.isUsable ? .info : .warning
                        _ = try? await self.journal.recordEvent(
                            .device(status.role.rawValue, code: code, message: status.description, level: level), at: Date())
                        if change.usabilityChanged {
                            self.runner.send(.deviceUsabilityChanged(status.role, status.usability))
                        }
                    }
                }
                group.addTask {
                    var minutes = 0
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(60))
                        await self.board.flush()
                        minutes += 1
                        if minutes % 60 == 0 {
                            do {
                                let purged = try await self.journal.purgeExpired(now: Date())
                                self.logger.info("journal retention purge", metadata: ["purged": "\(purged)"])
                            } catch {
                                self.logger.error("journal purge failed", metadata: ["error": "\(error)"])
                            }
                        }
                    }
                }
            }
        }
        await self.board.flush()
    }
}
