import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import Simulators

/// A bill-validator simulator on a PTY, a real SQLite ledger in a temporary directory, and a
/// driver running against both, with fast timings.
struct ValidatorRig {
    let directory: URL
    let simulator: BillValidatorSimulator
    let driver: BillValidatorDriver
    let tasks: [Task<Void, Never>]

    var ledgerPath: String { self.directory.appendingPathComponent("kiosk.sqlite").path }

    static func configuration(
        path: String, acceptedNotes: [Money] = [.yuan(5), .yuan(10), .yuan(20), .yuan(50), .yuan(100)], currency: String = "CNY"
    ) -> BillValidatorConfiguration {
        BillValidatorConfiguration(
            devicePath: path, model: "NV9USB (simulated)", currency: currency, acceptedNotes: acceptedNotes, pollInterval: .milliseconds(40),
            replyTimeout: .seconds(1), attempts: 3, decisionTimeout: .seconds(10), reconnectInterval: .milliseconds(200))
    }

    /// Starts a simulator and a driver; waits until the driver is online.
    static func start(
        device: SimulatedBillValidator = SimulatedBillValidator(), directory: URL? = nil, simulator: BillValidatorSimulator? = nil,
        acceptedNotes: [Money] = [.yuan(5), .yuan(10), .yuan(20), .yuan(50), .yuan(100)], currency: String = "CNY", waitOnline: Bool = true
    ) async throws -> ValidatorRig {
        let directory = try directory ?? Fixtures.temporaryDirectory("cash")
        let simulator = try simulator ?? BillValidatorSimulator(symlinkPath: directory.appendingPathComponent("validator").path, device: device)
        await simulator.start()
        var logger = Logger(label: "test.validator")
        logger.logLevel = .warning
        let driver = try BillValidatorDriver(
            configuration: Self.configuration(path: simulator.link.devicePath, acceptedNotes: acceptedNotes, currency: currency),
            ledgerPath: directory.appendingPathComponent("kiosk.sqlite").path, logger: logger)
        let recorder = EventRecorder()
        let collect = recorder.collect(driver.events)
        let run = Task { await driver.run() }
        let rig = ValidatorRig(directory: directory, simulator: simulator, driver: driver, recorderOverride: recorder, tasks: [collect, run])
        if waitOnline {
            let online = await recorder.waitForStatus { $0.availability == .online }
            if !online { throw RigError.notOnline(await recorder.latestStatus?.status.description ?? "no status") }
        }
        return rig
    }

    private init(directory: URL, simulator: BillValidatorSimulator, driver: BillValidatorDriver, recorderOverride: EventRecorder, tasks: [Task<Void, Never>]) {
        self.directory = directory
        self.simulator = simulator
        self.driver = driver
        self.tasks = tasks
        self.recorderStorage = recorderOverride
    }

    private let recorderStorage: EventRecorder
    var events: EventRecorder { self.recorderStorage }

    /// Stops the driver (it returns an escrowed note and disables the unit) and the simulator.
    func stop(keepSimulator: Bool = false) async {
        self.tasks[1].cancel()
        await self.tasks[1].value
        await self.tasks[0].value
        if !keepSimulator { await self.simulator.stop() }
    }

    /// Reads the ledger back from the file.
    func ledger() throws -> CashLedger { try CashLedger(path: self.ledgerPath) }

    enum RigError: Error { case notOnline(String) }
}

/// Runs the real ``KioskSession`` against a validator driver: session actions go to the driver,
/// driver events to the session, as the daemon will do.
actor CashSession {
    var harness: SessionHarness
    let driver: BillValidatorDriver
    private(set) var actions: [SessionAction] = []

    init(driver: BillValidatorDriver, overpayment: OverpaymentPolicy = .creditAsVoucher(limit: .yuan(100))) throws {
        self.harness = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false, overpayment: overpayment)
        self.driver = driver
    }

    /// Card `key` pays `service` in cash; returns the transaction.
    func beginCashPayment(citizen key: String, service: ServiceCode, source: RecordsSource) async throws -> TransactionID {
        let identity = try Fixtures.citizen(key).identity
        self.harness.send(.cardRead(CardReading(identity: identity, citizenKey: CitizenKey(hex: "k-\(key)"))))
        guard let request = self.harness.send(.choiceSelected(.service(service))).recordsRequest,
            let records = try Fixtures.recordBook(for: key).records(from: source)
        else { throw CashSessionError.noRecords }
        self.harness.send(.recordsFetched(request.sessionID, records))
        await self.perform(self.harness.send(.choiceSelected(.payCash)))
        return TransactionID(session: request.sessionID)
    }

    /// Feeds a payment event to the session and performs what it asks of the validator.
    func deliver(_ event: PaymentEvent) async {
        guard let sessionEvent = event.sessionEvent else { return }
        await self.perform(self.harness.send(sessionEvent))
    }

    private func perform(_ actions: [SessionAction]) async {
        self.actions += actions
        for action in actions {
            switch action {
            case .startPayment(let request): await self.driver.startCashIn(request.transactionID, amountDue: request.amountDue)
            case .stackEscrowedNote(let id, let value): await self.driver.stack(id, value: value)
            case .returnEscrowedNote(let id, let value): await self.driver.returnNote(id, value: value)
            case .stopPayment(let id): await self.driver.stopCashIn(id)
            default: break
            }
        }
    }

    /// Pumps the driver's events into the session until the task is cancelled.
    nonisolated func pump(_ recorder: EventRecorder) -> Task<Void, Never> {
        Task {
            var delivered = 0
            while !Task.isCancelled {
                let events = await recorder.events
                while delivered < events.count {
                    await self.deliver(events[delivered])
                    delivered += 1
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    var journal: [JournalEntry.Event] { self.actions.journalEvents }

    /// Waits until the session has journalled an event `predicate` accepts.
    func waitForJournal(timeout: Duration = .seconds(10), _ predicate: @Sendable (JournalEntry.Event) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if self.journal.contains(where: predicate) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
    var receipts: [ReceiptJob] { self.actions.compactMap { if case .printReceipt(let job) = $0 { return job } else { return nil } } }

    enum CashSessionError: Error { case noRecords }
}
