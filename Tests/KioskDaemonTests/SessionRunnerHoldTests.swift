import KioskCore
import KioskDaemon
import KioskTestSupport
import Testing

/// Out-of-service holds: the kiosk stays out of service while any hold remains, and a visit
/// under way finishes first.
extension SessionRunnerTests {
    @Test func theKioskStaysOutOfServiceUntilEveryHoldIsReleased() async throws {
        let ports = RecordingPorts()
        let runner = try self.makeRunner(ports)
        let loop = Task { await runner.run() }
        try await self.waitFor { ports.lastKind == .idle }

        await runner.setHold(.maintenance, true)
        await runner.setHold(.journalFailure, true)
        try await self.waitFor { ports.lastKind == .outOfService }
        // The technician's maintenance off does not revive a kiosk whose journal failed.
        await runner.setHold(.maintenance, false)
        try await Task.sleep(for: .milliseconds(100))
        #expect(ports.lastKind == .outOfService)
        #expect(await runner.outOfServiceHolds == [.journalFailure])
        await runner.setHold(.journalFailure, false)
        try await self.waitFor { ports.lastKind == .idle }
        #expect(await runner.isInService)

        // A visit under way finishes first, then the hold takes the kiosk out of service.
        let alpha = try Fixtures.citizen("alpha").identity
        runner.send(.cardRead(CardReading(identity: alpha, citizenKey: CitizenKey(hex: "k"))))
        try await self.waitFor { ports.lastKind == .preview }
        await runner.setHold(.diagnostics, true)
        try await Task.sleep(for: .milliseconds(100))
        #expect(ports.lastKind == .preview)
        #expect(await !runner.isResting)
        runner.send(.choiceSelected(.cancel))
        try await self.waitFor { ports.lastKind == .outOfService }
        await runner.finish()
        await loop.value
    }
}
