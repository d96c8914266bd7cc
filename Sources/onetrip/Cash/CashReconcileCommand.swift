import ArgumentParser
import CashModule
import Foundation
import KioskCore

/// `onetrip cash reconcile --validator PATH --database FILE`: connects to the validator, settles
/// every cash-in an interrupted run left open (a note in escrow is returned, a stacked note is
/// credited once, anything unclear is flagged for an operator), prints the outcome and exits.
struct CashReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile", abstract: "Settle interrupted cash-ins against the validator, then exit.")

    @OptionGroup var options: ValidatorOptions

    @Option(help: "Give up after this many seconds without reaching the validator.")
    var timeout: Int = 30

    func run() async throws {
        let open = try CashLedger(path: self.options.database).openCashIns()
        say("open cash-ins: \(open.count)")
        let driver = try self.options.makeDriver()
        let runner = Task { await driver.run() }
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(self.timeout))
            runner.cancel()
        }
        var reached = false
        for await event in driver.events {
            switch event {
            case .needsAttention(let attention):
                say("needs attention: \(attention)")
            case .deviceStatusChanged(let status):
                say("status \(status.availability.rawValue)\(status.faults.isEmpty ? "" : " " + status.faults.map(\.code).joined(separator: ","))")
                if status.availability != .offline, status.availability != .powerOff, status.details["serial"] != nil {
                    reached = true
                    runner.cancel()
                }
            default:
                say("event \(event)")
            }
        }
        watchdog.cancel()
        let ledger = try CashLedger(path: self.options.database)
        for record in open {
            guard let settled = try ledger.cashIn(record.transactionID) else { continue }
            say("settled \(settled.transactionID): credited \(settled.credited), uncertain \(settled.uncertain), closed \(settled.isClosed)")
        }
        if !reached { throw ExitCode.failure }
    }
}
