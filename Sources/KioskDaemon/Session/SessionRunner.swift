import Foundation
import KioskCore
import Logging
import Records
import Synchronization

/// Owns the kiosk's ``KioskSession``: feeds it events from every device, the screen and the
/// clock, and performs the actions it returns through the ``SessionPorts``.
///
/// Events arrive through ``send(_:)`` from any task; the runner handles them one at a time, in
/// order. Journal entries are written (and awaited) in the order the session returns them, so a
/// money step's record is on disk before the next action runs. Slow work (records, printing)
/// runs in child tasks whose outcomes come back as events. A timer task sends `.tick` at each
/// armed deadline and every second while a countdown shows.
public actor SessionRunner {
    private var session: KioskSession
    private let ports: SessionPorts
    private let calendar: KioskCalendar
    private let logger: Logger
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let events: AsyncStream<SessionEvent>
    private let continuation: AsyncStream<SessionEvent>.Continuation
    private var deadlineTimer: Task<Void, Never>?
    private var countdownTimer: Task<Void, Never>?
    private var work: [UUID: Task<Void, Never>] = [:]
    private var isStopping = false
    private var holds: Set<OutOfServiceHold> = []

    /// Creates a runner.
    public init(session: KioskSession, ports: SessionPorts, calendar: KioskCalendar, logger: Logger) {
        self.session = session
        self.ports = ports
        self.calendar = calendar
        self.logger = logger
        self.start = ContinuousClock.now
        (self.events, self.continuation) = AsyncStream.makeStream(of: SessionEvent.self, bufferingPolicy: .unbounded)
    }

    /// Queues an event (from a driver, the screen, a timer).
    public nonisolated func send(_ event: SessionEvent) {
        self.continuation.yield(event)
    }

    /// The time as the session sees it.
    public func now() -> KioskTime {
        KioskTime(uptime: self.clock.now - self.start, today: self.calendar.day(of: Date()))
    }

    /// The session's current state (for the control API).
    public var state: KioskSession.State { self.session.state }

    /// The screen the citizen sees now.
    public var currentScreen: Screen { self.session.screen(at: self.now()) }

    /// Whether the kiosk waits for a card (idle or out of service): no visit is under way.
    public var isResting: Bool { self.session.isResting }

    /// Whether a citizen can start a visit now.
    public var isInService: Bool { self.session.isInService }

    /// Whether the session has taken in the latest hold change (its maintenance flag is set).
    public var isInMaintenance: Bool { self.session.isInMaintenance }

    /// What holds the kiosk out of service now.
    public var outOfServiceHolds: Set<OutOfServiceHold> { self.holds }

    /// How long until the current step times out, if it can.
    public var timeToDeadline: Duration? { self.session.deadline.map { $0 - self.now().uptime } }

    /// Holds the kiosk out of service for citizens, or releases one hold. The session is in
    /// maintenance while any hold remains; a visit under way finishes first. The change is
    /// queued behind the events already sent, so once ``isInMaintenance`` turns true every
    /// earlier event (a card placed a moment ago) has been handled.
    public func setHold(_ hold: OutOfServiceHold, _ isOn: Bool) {
        let wasHeld = !self.holds.isEmpty
        if isOn { self.holds.insert(hold) } else { self.holds.remove(hold) }
        if wasHeld != !self.holds.isEmpty { self.send(.maintenanceModeChanged(!self.holds.isEmpty)) }
    }

    /// Runs until the event stream ends (``finish()``) or the task is cancelled.
    public func run() async {
        await self.perform(self.session.start(at: self.now()))
        for await event in self.events {
            await self.perform(self.session.handle(event, at: self.now()))
            if self.isStopping, self.session.isResting { break }
        }
        self.deadlineTimer?.cancel()
        self.countdownTimer?.cancel()
        for task in self.work.values { task.cancel() }
    }

    /// Graceful shutdown: a citizen mid-payment gets their escrowed note back (the session's
    /// cancel path stops payment), a print in progress is left to finish or time out, and the
    /// loop ends once the session rests.
    public func finish() async {
        self.isStopping = true
        if self.session.isResting {
            self.continuation.finish()
            return
        }
        if case .awaitingPayment = self.session.state { self.send(.choiceSelected(.cancel)) }
        self.setHold(.shutdown, true)
    }

    // MARK: Performing actions

    private func perform(_ actions: [SessionAction]) async {
        for action in actions {
            switch action {
            case .show(let screen):
                await self.ports.screen.show(screen)
                self.updateCountdownTimer(for: screen)
            case .speak(let prompt):
                await self.ports.voice.say(prompt)
            case .journal(let entry):
                do {
                    try await self.ports.journal.record(entry)
                } catch {
                    // Without a journal no money may move: take the kiosk out of service.
                    self.logger.critical("journal write failed; taking the kiosk out of service", metadata: ["error": "\(error)"])
                    self.setHold(.journalFailure, true)
                }
            case .fetchRecords(let request):
                self.spawn { [ports, logger] in
                    do throws(RecordsProviderError) {
                        let records = try await ports.records.records(from: request.source, for: request.identity.documentNumber)
                        if let records {
                            self.send(.recordsFetched(request.sessionID, records))
                        } else {
                            self.send(.recordsUnavailable(request.sessionID, .notFound))
                        }
                    } catch {
                        logger.warning("records unavailable", metadata: ["source": "\(request.source)", "error": "\(error)"])
                        self.send(.recordsUnavailable(request.sessionID, error.recordsFailure))
                    }
                }
            case .startPayment(let request):
                await self.ports.payment.start(request)
            case .stackEscrowedNote(let transaction, let value):
                await self.ports.payment.stackEscrowedNote(transaction, value: value)
            case .returnEscrowedNote(let transaction, let value):
                await self.ports.payment.returnEscrowedNote(transaction, value: value)
            case .stopPayment(let transaction):
                await self.ports.payment.stop(transaction)
            case .printCertificate(let job):
                self.spawn { [ports] in
                    let outcome = await ports.certificates.print(job) { completed, total in
                        self.send(.printProgress(job.transactionID, completed: completed, total: total))
                    }
                    switch outcome {
                    case .success: self.send(.certificatePrinted(job.transactionID))
                    case .failure(let failure): self.send(.certificatePrintFailed(job.transactionID, failure))
                    }
                }
            case .cancelCertificate(let transaction):
                await self.ports.certificates.cancel(transaction)
            case .printReceipt(let job):
                self.spawn { [ports] in
                    switch await ports.receipts.print(job) {
                    case .success: self.send(.receiptPrinted(job.transactionID))
                    case .failure(let failure): self.send(.receiptPrintFailed(job.transactionID, failure))
                    }
                }
            case .armDeadline(let uptime):
                self.deadlineTimer?.cancel()
                let at = self.start + uptime
                self.deadlineTimer = Task { [clock] in
                    try? await Task.sleep(until: at, clock: clock)
                    if !Task.isCancelled { self.send(.tick) }
                }
            case .endSession(let id):
                self.logger.info("visit ended", metadata: ["session": "\(id)"])
            }
        }
    }

    private func spawn(_ body: @escaping @Sendable () async -> Void) {
        let id = UUID()
        self.work[id] = Task {
            await body()
            self.finished(id)
        }
    }

    private func finished(_ id: UUID) {
        self.work[id] = nil
    }

    /// Ticks once a second while the screen shows a countdown, so the number the citizen sees
    /// stays current; stops when no countdown shows.
    private func updateCountdownTimer(for screen: Screen) {
        if screen.countdown == nil {
            self.countdownTimer?.cancel()
            self.countdownTimer = nil
        } else if self.countdownTimer == nil {
            self.countdownTimer = Task { [clock] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1), clock: clock)
                    if Task.isCancelled { break }
                    self.send(.tick)
                }
            }
        }
    }
}
