import ArgumentParser
import CashModule
import Foundation
import KioskCore

/// `onetrip cash test-payment --validator PATH --database FILE --amount 15`: a technician's
/// bill-path check. Takes real notes through the real driver and ledger for a test transaction:
/// stacks a note while it fits the amount, returns it otherwise (no change is given), and prints
/// every event. Reconciles whatever an earlier run left open first.
struct CashTestPaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-payment", abstract: "Take a test payment through the bill validator and the cash-in ledger.")

    @OptionGroup var options: ValidatorOptions

    @Option(help: "The amount to take, in yuan.")
    var amount: String

    @Option(help: "The kiosk id of the test transaction (the number comes from the ledger).")
    var kioskID = "TEST"

    @Option(help: "Give up after this many seconds without completing.")
    var timeout: Int = 120

    @Option(help: "Keep each note in escrow this many seconds before deciding (checks that HOLD keeps it).")
    var hold: Int = 0

    func run() async throws {
        guard let amount = Money(yuanText: self.amount), amount > .zero else { throw ValidationError("'\(self.amount)' is not an amount in yuan") }
        let number = try CashLedger(path: self.options.database).lastSessionNumber(kioskID: self.kioskID) + 1
        let transaction = TransactionID(session: SessionID(kioskID: self.kioskID, number: number))
        let driver = try self.options.makeDriver()
        let runner = Task { await driver.run() }
        let deadline = ContinuousClock.now + .seconds(self.timeout)
        let watchdog = Task {
            try? await Task.sleep(until: deadline)
            runner.cancel()
        }
        var credited = Money.zero
        var started = false
        var completed = false
        for await event in driver.events {
            switch event {
            case .deviceStatusChanged(let status):
                say("status \(status.availability.rawValue)\(status.faults.isEmpty ? "" : " " + status.faults.map(\.code).joined(separator: ","))")
                if !started, status.availability == .online {
                    started = true
                    say("transaction \(transaction) amount \(amount)")
                    await driver.startCashIn(transaction, amountDue: amount)
                }
            case .noteEscrowed(let id, let value) where id == transaction:
                if self.hold > 0 {
                    say("escrowed \(value): holding \(self.hold) s")
                    try? await Task.sleep(for: .seconds(self.hold))
                }
                let remaining = amount - credited
                if value <= remaining {
                    say("escrowed \(value): stack")
                    await driver.stack(transaction, value: value)
                } else {
                    say("escrowed \(value): return (more than the \(remaining) still due; no change is given)")
                    await driver.returnNote(transaction, value: value)
                }
            case .noteCredited(let id, let value) where id == transaction:
                credited += value
                say("credited \(value) total \(credited)")
                if credited >= amount, !completed {
                    completed = true
                    await driver.stopCashIn(transaction)
                    runner.cancel()
                }
            case .paymentDeviceFailed(let id, let reason) where id == transaction:
                say("device failed: \(reason.en)")
                await driver.stopCashIn(transaction)
                runner.cancel()
            case .needsAttention(let attention):
                say("needs attention: \(attention)")
            default:
                say("event \(event)")
            }
        }
        watchdog.cancel()
        say("done \(transaction) credited \(credited) of \(amount)")
        if !completed { throw ExitCode.failure }
    }
}
