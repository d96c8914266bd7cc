import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import Simulators

/// A bill-validator simulator on a PTY, the kiosk's cash-in ledger in a real SQLite file, and a
/// driver wired as `onetrip diag` wires its own: not running until the first check starts it.
struct ValidatorUnderTest: Sendable {
    let simulator: BillValidatorSimulator
    let driver: BillValidatorDriver
    let loop: DriverLoop
    let directory: URL

    var ledgerPath: String { self.directory.appendingPathComponent("kiosk.sqlite").path }

    /// Starts a simulator (after `prepare`) and builds a driver with fast test timings.
    static func start(
        device: SimulatedBillValidator = SimulatedBillValidator(), prepare: @Sendable (BillValidatorSimulator) async -> Void = { _ in }
    ) async throws -> ValidatorUnderTest {
        let directory = try Fixtures.temporaryDirectory("diag-validator")
        let simulator = try BillValidatorSimulator(symlinkPath: directory.appendingPathComponent("validator").path, device: device)
        await simulator.start()
        await prepare(simulator)
        var logger = Logger(label: "test.diag.validator")
        logger.logLevel = .critical
        let driver = try BillValidatorDriver(
            configuration: BillValidatorConfiguration(
                devicePath: simulator.link.devicePath, model: "NV9USB (simulated)", acceptedNotes: [.yuan(5), .yuan(10), .yuan(20), .yuan(50), .yuan(100)],
                pollInterval: .milliseconds(40), replyTimeout: .seconds(1), attempts: 3, decisionTimeout: .seconds(10),
                reconnectInterval: .milliseconds(200)),
            ledgerPath: directory.appendingPathComponent("kiosk.sqlite").path, logger: logger)
        let loop = DriverLoop("bill validator") { await driver.run() }
        return ValidatorUnderTest(simulator: simulator, driver: driver, loop: loop, directory: directory)
    }

    /// A second driver on the same simulator and ledger (`onetrip diag` after the daemon's).
    static func reuse(_ other: ValidatorUnderTest) async throws -> ValidatorUnderTest {
        var logger = Logger(label: "test.diag.validator")
        logger.logLevel = .critical
        let driver = try BillValidatorDriver(configuration: other.driver.configuration, ledgerPath: other.ledgerPath, logger: logger)
        let loop = DriverLoop("bill validator") { await driver.run() }
        return ValidatorUnderTest(simulator: other.simulator, driver: driver, loop: loop, directory: other.directory)
    }

    func checks(pathWindow: Duration = .seconds(2), guidedWait: Duration = .seconds(15)) -> [any DiagnosticCheck] {
        BillValidatorDiagnostics(validator: self.driver, loop: self.loop, pathWindow: pathWindow, guidedWait: guidedWait).checks
    }

    /// Runs the driver (as the daemon does) and waits until it is online.
    func runUntilOnline() async -> Bool {
        self.loop.ensureRunning()
        let driver = self.driver
        return await DiagnosticWait.until(timeout: .seconds(20)) { await driver.status.availability == .online ? true : nil } ?? false
    }

    /// Takes one note as a citizen's payment and stacks it, as the session would: the way to
    /// reach the faults a simulator shows only while stacking (jams, fraud, a full cash box).
    func stackOneNote(_ value: Money, transaction number: UInt64 = 1) async throws -> TransactionID {
        let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: number))
        let events = RecordedEvents(self.driver.observeEvents())
        defer { events.stop() }
        await self.driver.startCashIn(transaction, amountDue: .yuan(100))
        let simulator = self.simulator
        guard await simulator.waitUntil(timeout: .seconds(20), { $0.isEnabled }) else { throw RigError.notReady("validator enabled") }
        if let problem = await simulator.insert(value) { throw RigError.notReady(problem) }
        guard await events.first(within: .seconds(20), where: { if case .noteEscrowed = $0 { true } else { false } }) != nil else {
            throw RigError.notReady("note escrowed")
        }
        await self.driver.stack(transaction, value: value)
        return transaction
    }

    /// Waits until the driver reports a fault with this code.
    func waitForFault(_ code: String) async -> Bool {
        let driver = self.driver
        return await DiagnosticWait.until(timeout: .seconds(20)) { await driver.status.faults.contains { $0.code == code } ? true : nil } ?? false
    }

    /// The ledger lines of the diagnostics' test transactions.
    func testLines() throws -> [CashLedgerEntry] {
        try CashLedger(path: self.ledgerPath).entries().filter { $0.transactionID?.session.kioskID == "DIAG" }
    }

    func stop() async {
        await self.loop.stop()
        await self.simulator.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }
}
