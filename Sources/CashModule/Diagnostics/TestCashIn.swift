import DeviceKit
import KioskCore

/// One diagnostic cash-in: opens the validator for a test transaction (kiosk id `DIAG`, numbered
/// by the cash-in ledger), **gives back every note** it sees, and says what happened.
///
/// No money is kept, by construction: the check never calls ``BillValidatorDriver/stack(_:value:)``,
/// the validator accepts a note only after a stack intent is on disk, and a note still in escrow
/// when the cash-in stops is rejected. The ledger records the test like any cash-in (opened,
/// escrowed, return intent, returned, closed), so a technician can audit it with
/// `onetrip cash ledger`.
final class TestCashIn: Sendable {
    /// What the test cash-in saw.
    struct Observation: Sendable {
        /// Notes held in escrow (each given back).
        var escrowed: [Money] = []
        /// Notes credited: money taken, which must never happen.
        var credited: [Money] = []
        /// The device failure the driver reported during the cash-in.
        var failure: LocalizedText?
        /// Notes the unit rejected without escrowing them (refused as not genuine, inhibited…).
        var refused = 0
    }

    /// The kiosk id of test transactions.
    static let kioskID = "DIAG"

    let driver: BillValidatorDriver
    let transaction: TransactionID
    private let events: RecordedEvents<PaymentEvent>
    private let rejectedBefore: Int

    private init(driver: BillValidatorDriver, transaction: TransactionID, events: RecordedEvents<PaymentEvent>, rejectedBefore: Int) {
        self.driver = driver
        self.transaction = transaction
        self.events = events
        self.rejectedBefore = rejectedBefore
    }

    /// Opens the validator for a test transaction (ENABLE follows in the driver's loop).
    /// - Throws: ``OneTripSQLite/SQLiteError`` when the ledger cannot be read.
    static func start(_ driver: BillValidatorDriver, amountDue: Money) async throws -> TestCashIn {
        let transaction = try await driver.unusedTransaction(kioskID: Self.kioskID)
        let events = RecordedEvents(driver.observeEvents())
        let cashIn = TestCashIn(driver: driver, transaction: transaction, events: events, rejectedBefore: await driver.rejectedNotes)
        await driver.startCashIn(transaction, amountDue: amountDue)
        return cashIn
    }

    /// Watches for up to `duration`, giving back every escrowed note at once, until `enough`
    /// accepts what was seen.
    func watch(for duration: Duration, until enough: @Sendable (Observation) -> Bool = { _ in false }) async -> Observation {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        var seen = 0
        var observation = Observation()
        while true {
            let all = self.events.all
            for event in all[seen...] {
                switch event {
                case .noteEscrowed(let id, let value) where id == self.transaction:
                    observation.escrowed.append(value)
                    await self.driver.returnNote(id, value: value)
                case .noteCredited(let id, let value) where id == self.transaction:
                    observation.credited.append(value)
                case .paymentDeviceFailed(let id, let reason) where id == self.transaction:
                    observation.failure = reason
                default:
                    break
                }
            }
            seen = all.count
            let rejected = await self.driver.rejectedNotes - self.rejectedBefore
            observation.refused = max(0, rejected - observation.escrowed.count)
            if enough(observation) || observation.failure != nil || !observation.credited.isEmpty { return observation }
            guard clock.now < deadline, !Task.isCancelled else { return observation }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }

    /// Stops the cash-in (a note still in escrow goes back, the unit is disabled) and waits up
    /// to `settle` for the note path to be empty. Returns the transaction's ledger lines.
    func finish(settle: Duration = .seconds(10)) async -> [CashLedgerEntry] {
        await self.driver.stopCashIn(self.transaction)
        let driver = self.driver
        // Until the note path is empty and the loop has published the unit as idle again.
        _ = await DiagnosticWait.until(timeout: settle) { () async -> Bool? in
            guard await !driver.isNoteInFlight else { return nil }
            return await driver.status.availability == .busy ? nil : true
        }
        self.events.stop()
        return (try? await self.driver.ledgerEntries(for: self.transaction)) ?? []
    }

    /// Notes of the ledger lines that went back to the citizen.
    static func returned(in lines: [CashLedgerEntry]) -> [Money] {
        lines.filter { $0.kind == .returned }.compactMap(\.value)
    }

    /// Whether the ledger lines show money taken or a note nobody can account for.
    static func keptMoney(in lines: [CashLedgerEntry]) -> [CashLedgerEntry] {
        lines.filter { [.credited, .stackIntent, .stacked, .uncertain].contains($0.kind) }
    }
}
