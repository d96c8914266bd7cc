import ArgumentParser
import CashModule
import Foundation
import KioskCore
import Logging

/// `onetrip cash …`: the technician's and operator's tools for the cash path: a bill-path test
/// that takes real notes through the real ledger, start-up reconciliation, and the ledger itself.
struct CashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cash",
        abstract: "Test the bill validator, reconcile interrupted cash-ins, read the cash-in ledger.",
        subcommands: [CashTestPaymentCommand.self, CashReconcileCommand.self, CashLedgerCommand.self]
    )
}

/// Options shared by the cash commands that drive a validator.
struct ValidatorOptions: ParsableArguments {
    @Option(help: "The validator's serial device (9600 8N2), or a simulator's PTY link.")
    var validator: String

    @Option(help: "The kiosk's SQLite database (the cash-in ledger lives in it).")
    var database: String

    @Option(help: "The notes to accept, in yuan, comma-separated.")
    var notes: String = "5,10,20,50,100"

    @Option(help: "The SSP protocol version to request.")
    var protocolVersion: UInt8 = 7

    @Option(help: "Milliseconds to wait for each reply before re-sending (GA138: 1000).")
    var replyTimeout: Int = 1000

    @Flag(help: "Log the driver's work to standard error.")
    var verbose = false

    func acceptedNotes() throws -> [Money] {
        try self.notes.split(separator: ",").map { text in
            guard let value = Money(yuanText: String(text)), value > .zero else { throw ValidationError("'\(text)' is not a note value in yuan") }
            return value
        }
    }

    func makeDriver() throws -> BillValidatorDriver {
        var logger = Logger(label: "onetrip.cash")
        logger.logLevel = self.verbose ? .debug : .error
        let configuration = BillValidatorConfiguration(
            devicePath: self.validator, protocolVersion: self.protocolVersion, acceptedNotes: try self.acceptedNotes(),
            pollInterval: .milliseconds(100), replyTimeout: .milliseconds(max(100, self.replyTimeout)), reconnectInterval: .milliseconds(500))
        return try BillValidatorDriver(configuration: configuration, ledgerPath: self.database, logger: logger)
    }
}

/// Writes one line to standard output at once (stdout is block-buffered on a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
