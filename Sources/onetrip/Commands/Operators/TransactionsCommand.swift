import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import Journal
import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip transactions`: search the journal's transactions by day, service, state, or a
/// citizen's ID number (through the keyed hash: the number itself is never stored, printed or
/// logged).
struct TransactionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "Search transactions by date, service, status, or a citizen's ID number.",
        discussion: """
            --id-number looks the citizen up by the keyed hash of the number (HMAC with the key in \
            privacy.citizen_key_file), so the journal never holds the number itself. Give '-' to \
            type it without echo (or pipe it in), so it stays out of the shell history.
            """)

    @Option(name: .long, help: ArgumentHelp("Transactions opened on this day (2026-11-26, today, yesterday).", valueName: "day"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Opened at or after this time (a date alone: from the start of that day).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Opened before this time (a date alone: through the end of that day).", valueName: "time"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("For this service (e.g. social-insurance-proof).", valueName: "code"))
    var service: String?

    @Option(name: .customLong("status"), help: ArgumentHelp("In this state (repeatable): \(TransactionState.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
    var states: [TransactionState] = []

    @Option(name: .customLong("id-number"), help: ArgumentHelp("The citizen's ID number, or '-' to read it from standard input.", valueName: "number"))
    var idNumber: String?

    @Option(name: .customLong("citizen-key-file"), help: ArgumentHelp("The citizen key file (default: privacy.citizen_key_file).", valueName: "path"))
    var citizenKeyFile: String?

    @Option(name: .long, help: "At most this many (newest first).")
    var limit = 100

    @OptionGroup var format: ListFormatOption

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        if self.date != nil, self.from != nil || self.to != nil { throw ValidationError("--date is a whole day; do not combine it with --from or --to") }
        if self.limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let time = OperatorTime(timeZone: try self.config.timeZone())
        var query = TransactionQuery(service: self.service.map(ServiceCode.init(rawValue:)), limit: self.limit)
        if let date = self.date {
            query.from = try time.parse(date, option: "--date", as: .lower)
            query.to = try time.parse(date, option: "--date", as: .upper)
        } else {
            query.from = try self.from.map { try time.parse($0, option: "--from", as: .lower) }
            query.to = try self.to.map { try time.parse($0, option: "--to", as: .upper) }
        }
        if !self.states.isEmpty { query.states = Set(self.states) }
        if let idNumber = self.idNumber { query.citizenKey = try self.citizenKey(idNumber) }
        let journal = try await self.database.openJournal(self.config)
        let records = try await journal.transactions(matching: query)
        let rows = records.map { TransactionRow($0, time: time) }
        if self.format.json {
            emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(rows), as: UTF8.self))
        } else if self.format.csv {
            var text = CSVTable.line(TransactionRow.csvHeader)
            for row in rows { text += CSVTable.line(row.csvFields) }
            FileHandle.standardOutput.write(Data(text.utf8))
        } else if rows.isEmpty {
            emit("No transactions match.")
        } else {
            emit(TransactionRow.table(rows))
        }
    }

    /// The keyed hash of the number typed, never keeping or printing the number.
    private func citizenKey(_ argument: String) throws -> CitizenKey {
        let keyFile: String
        if let path = self.citizenKeyFile {
            keyFile = path
        } else {
            keyFile = try self.config.load(for: "the citizen key file", override: "--citizen-key-file PATH").privacy.citizenKeyFile
        }
        let keyer: CitizenKeyer
        do {
            keyer = try CitizenKeyer(secretFile: keyFile)
        } catch {
            throw OperatorError("\(error)")
        }
        let number = argument == "-" ? try Self.readNumber() : argument
        do {
            return try keyer.key(forTyped: number)
        } catch {
            // The reason only: the error's description would repeat digits of the number.
            throw ValidationError("--id-number: \(error.reason.en)")
        }
    }

    /// Reads the number from stdin, without echo on a terminal.
    private static func readNumber() throws -> String {
        let isTerminal = isatty(0) == 1
        var saved = termios()
        if isTerminal {
            FileHandle.standardError.write(Data("ID number: ".utf8))
            tcgetattr(0, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        let line = readLine(strippingNewline: true)
        if isTerminal {
            tcsetattr(0, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line, !line.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--id-number -: no number on standard input") }
        return line
    }
}

extension TransactionState: ExpressibleByArgument {}

/// One transaction as `onetrip transactions` prints it: masked citizen, no keyed hash.
struct TransactionRow: Encodable {
    var id: String
    var session: String
    var opened: String
    var closed: String?
    var service: String?
    var state: String
    var amountDue: Money
    var amountPaid: Money
    var credit: Money
    var paymentMethod: String?
    var certificate: String?
    var receipt: String?
    var attentionReason: String?
    var citizen: MaskedIdentity?
    var resolution: String?

    init(_ record: TransactionRecord, time: OperatorTime) {
        self.id = record.id
        self.session = record.sessionID
        self.opened = time.iso(record.openedAt)
        self.closed = record.closedAt.map(time.iso)
        self.service = record.service?.rawValue
        self.state = record.state.rawValue
        self.amountDue = record.amountDue
        self.amountPaid = record.amountPaid
        self.credit = record.credit
        self.paymentMethod = record.paymentMethod?.rawValue
        self.certificate = record.certificate
        self.receipt = record.receipt
        self.attentionReason = record.attentionReason
        self.citizen = record.citizen
        self.resolution = record.resolution
    }

    static let csvHeader = [
        "transaction", "session", "opened", "closed", "service", "state", "due", "paid", "credit", "method", "proof", "receipt", "attention",
        "card", "name", "document", "resolution",
    ]

    var csvFields: [String] {
        [
            self.id, self.session, self.opened, self.closed ?? "", self.service ?? "", self.state, self.amountDue.decimalString, self.amountPaid.decimalString,
            self.credit.decimalString, self.paymentMethod ?? "", self.certificate ?? "", self.receipt ?? "", self.attentionReason ?? "",
            self.citizen?.cardType.rawValue ?? "", self.citizen?.name ?? "", self.citizen?.documentNumber ?? "", self.resolution ?? "",
        ]
    }

    /// An aligned table; what needs attention and its reason on the line below.
    static func table(_ rows: [TransactionRow]) -> String {
        var table = TextTable(headings: ["OPENED", "TRANSACTION", "SERVICE", "STATE", "DUE", "PAID", "METHOD", "PROOF", "RECEIPT", "CITIZEN"])
        var notes: [Int: String] = [:]
        for (index, row) in rows.enumerated() {
            table.append([
                String(row.opened.prefix(19)).replacingOccurrences(of: "T", with: " "), row.id, row.service ?? "-", row.state,
                row.amountDue.description, row.amountPaid.description, row.paymentMethod ?? "-", row.certificate ?? "-", row.receipt ?? "-",
                row.citizen.map { "\($0.name) \($0.documentNumber)" } ?? "-",
            ])
            if let reason = row.attentionReason { notes[index] = "  ! \(reason)" + (row.resolution.map { " (resolved: \($0))" } ?? "") }
        }
        var lines: [String] = []
        for (index, line) in table.render().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines.append(String(line))
            if index > 0, let note = notes[index - 1] { lines.append(note) }
        }
        return lines.joined(separator: "\n")
    }
}
