import ArgumentParser
import CashModule
import Foundation
import KioskCore

/// `onetrip cash ledger --database FILE`: the operator's view of the cash-in ledger.
struct CashLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "List cash-ins and their notes.")

    @Option(help: "The kiosk's SQLite database.")
    var database: String

    @Flag(help: "Only cash-ins not yet closed.")
    var open = false

    @Flag(help: "Print every ledger line instead of the summary.")
    var lines = false

    func run() async throws {
        let ledger = try CashLedger(path: self.database)
        if self.lines {
            for entry in try ledger.entries() { say("\(entry)") }
            return
        }
        for record in try ledger.cashIns() where !self.open || !record.isClosed {
            let state = record.isClosed ? "closed" : "OPEN"
            say("\(record.transactionID)  \(state)  due \(record.amountDue)  credited \(record.credited)\(record.uncertain.isZero ? "" : "  UNCERTAIN \(record.uncertain)")")
            for note in record.notes {
                say("  #\(note.note.index) ch \(note.note.channel) \(note.note.value) \(note.phase)\(note.detail.map { " — \($0)" } ?? "")")
            }
        }
        for orphan in try ledger.orphanCredits() { say("ORPHAN CREDIT \(orphan)") }
    }
}
