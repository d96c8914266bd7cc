import Foundation
import KioskCore
import KioskDaemon
import KioskTestSupport
import Logging
import Records
import Synchronization
import Testing

/// In-process ports that record what the runner asked for. The device ports are exercised for
/// real in the daemon's end-to-end tests; here they only answer, so the runner's ordering,
/// timers and correlation can be checked.
final class RecordingPorts: ScreenOutput, VoicePrompter, PaymentTerminal, CertificatePrinting, ReceiptPrinting, SessionJournal {
    let screens = Mutex<[Screen]>([])
    let journal = Mutex<[JournalEntry]>([])
    let printed = Mutex<[TransactionID]>([])

    func show(_ screen: Screen) async { self.screens.withLock { $0.append(screen) } }
    func say(_ prompt: Prompt) async {}
    func start(_ request: PaymentRequest) async {}
    func stackEscrowedNote(_ transaction: TransactionID, value: Money) async {}
    func returnEscrowedNote(_ transaction: TransactionID, value: Money) async {}
    func stop(_ transaction: TransactionID) async {}
    func print(_ job: CertificateJob, progress: @escaping @Sendable (Int, Int) -> Void) async -> Result<Void, PrintFailure> {
        progress(1, 1)
        self.printed.withLock { $0.append(job.transactionID) }
        return .success(())
    }
    func cancel(_ transaction: TransactionID) async {}
    func print(_ job: ReceiptJob) async -> Result<Void, PrintFailure> { .success(()) }
    func record(_ entry: JournalEntry) async throws { self.journal.withLock { $0.append(entry) } }

    var lastKind: Screen.Kind? { self.screens.withLock { $0.last?.kind } }
}

@Suite("Session runner")
struct SessionRunnerTests {
    func makeRunner(_ ports: RecordingPorts, timeouts: SessionTimeouts = .init()) throws -> SessionRunner {
        let configuration = SessionConfiguration(kioskID: "TEST-01", catalogue: try Fixtures.catalogue(), timeouts: timeouts)
        let session = KioskSession(configuration: configuration, usability: SessionHarness.allUsable)
        let records = try EmbeddedRecordsProvider(seedsDirectory: Fixtures.repositoryRoot.appendingPathComponent("seeds"))
        return SessionRunner(
            session: session,
            ports: SessionPorts(screen: ports, voice: ports, records: records, payment: ports, certificates: ports, receipts: ports, journal: ports),
            calendar: KioskCalendar(timeZoneIdentifier: "Asia/Shanghai")!, logger: Logger(label: "test"))
    }

    func waitFor(_ condition: @escaping () -> Bool) async throws {
        for _ in 0..<400 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
        #expect(condition())
    }

    @Test func oneSwipeVisitRunsThroughTheRealRecordsProviderAndTimesOutToIdle() async throws {
        let ports = RecordingPorts()
        var timeouts = SessionTimeouts()
        timeouts.collect = .milliseconds(300)
        let runner = try self.makeRunner(ports, timeouts: timeouts)
        let loop = Task { await runner.run() }
        try await self.waitFor { ports.lastKind == .idle }

        let alpha = try Fixtures.citizen("alpha").identity
        runner.send(.cardRead(CardReading(identity: alpha, citizenKey: CitizenKey(hex: "k"))))
        try await self.waitFor { ports.lastKind == .preview }
        runner.send(.choiceSelected(.print))
        try await self.waitFor { ports.lastKind == .collect }
        #expect(ports.printed.withLock { $0.count } == 1)
        // The collect deadline fires from the runner's own timer.
        try await self.waitFor { ports.lastKind == .idle }
        let events = ports.journal.withLock { $0.map(\.event) }
        #expect(events.contains(.certificatePrinted))
        #expect(events.last == .sessionEnded(.completed))
        await runner.finish()
        await loop.value
    }

    @Test func countdownScreensAreRefreshedEverySecond() async throws {
        let ports = RecordingPorts()
        let runner = try self.makeRunner(ports)
        let loop = Task { await runner.run() }
        try await self.waitFor { ports.lastKind == .idle }
        runner.send(.cardReadFailed(.unreadable("SW3 0x41")))
        try await self.waitFor { ports.lastKind == .cardRejected }
        let first = ports.screens.withLock { $0.last(where: { $0.kind == .cardRejected })?.countdown }
        #expect(first == 8)
        // The runner's own one-second timer brings new screens with a smaller number.
        try await self.waitFor { (ports.screens.withLock { $0.last?.countdown } ?? 99) <= 6 }
        runner.send(.choiceSelected(.finish))
        await runner.finish()
        await loop.value
    }
}
