import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import Journal
import KioskCore

/// `onetrip stats`: activity per day from the kiosk database: visits, proofs printed,
/// payments and money taken, and what went wrong, by cause.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show activity per day: sessions, proofs printed, payments, failures by cause.")

    @Option(name: .long, help: ArgumentHelp("First day (default: 6 days before --to).", valueName: "day"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last day (default: today).", valueName: "day"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only visits for this service.", valueName: "code"))
    var service: String?

    @OptionGroup var format: ListFormatOption

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let time = OperatorTime(timeZone: try self.config.timeZone())
        let last = try self.to.map { time.dayText(try time.parse($0, option: "--to", as: .lower)) } ?? time.dayText(time.now)
        let first: String
        if let from = self.from {
            first = time.dayText(try time.parse(from, option: "--from", as: .lower))
        } else {
            let end = time.day(last) ?? time.now
            first = time.dayText(end.addingTimeInterval(-6 * 86_400 + 3600))
        }
        guard first <= last else { throw ValidationError("--from \(first) is after --to \(last)") }
        let journal = try await self.database.openJournal(self.config)
        let days = try await journal.dailyStatistics(from: first, to: last, service: self.service.map(ServiceCode.init(rawValue:)))
        let rows = days.map(DayRow.init)
        if self.format.json {
            emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(rows), as: UTF8.self))
        } else if self.format.csv {
            var text = CSVTable.line(DayRow.csvHeader)
            for row in rows { text += row.csvLines.map(CSVTable.line).joined() }
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            emit(Self.render(rows, first: first, last: last))
        }
    }

    static func render(_ rows: [DayRow], first: String, last: String) -> String {
        guard !rows.isEmpty else { return "No activity from \(first) to \(last)." }
        var table = TextTable(headings: ["DAY", "SESSIONS", "COMPLETED", "PROOFS", "PAYMENTS", "TAKEN", "CREDIT", "ATTENTION", "FAILURES"])
        for row in rows {
            table.append([
                row.day, "\(row.sessions)", "\(row.sessionsCompleted)", "\(row.proofsPrinted)", "\(row.payments)", row.amountPaid.description,
                row.credit.description, "\(row.needsAttention)", "\(row.failures.reduce(0) { $0 + $1.count })",
            ])
        }
        var text = table.render()
        let causes = rows.flatMap { row in row.failures.map { (row.day, $0) } }
        if !causes.isEmpty {
            var failures = TextTable(headings: ["DAY", "COUNT", "CAUSE", "DETAIL"])
            for (day, cause) in causes { failures.append([day, "\(cause.count)", cause.code, cause.detail]) }
            text += "\n\nFailures by cause:\n" + failures.render()
        }
        return text
    }
}

/// One day as `onetrip stats` prints it.
struct DayRow: Encodable {
    /// One cause.
    struct Cause: Encodable {
        var code: String
        var detail: String
        var count: Int
    }

    var day: String
    var sessions: Int
    var sessionsCompleted: Int
    var transactions: Int
    var completed: Int
    var cancelled: Int
    var failed: Int
    var needsAttention: Int
    var resolved: Int
    var proofsPrinted: Int
    var payments: Int
    var amountPaid: Money
    var credit: Money
    var failures: [Cause]

    init(_ day: DailyStatistics) {
        self.day = day.day
        self.sessions = day.sessions
        self.sessionsCompleted = day.sessionsCompleted
        self.transactions = day.transactions
        self.completed = day.completed
        self.cancelled = day.cancelled
        self.failed = day.failed
        self.needsAttention = day.needsAttention
        self.resolved = day.resolved
        self.proofsPrinted = day.proofsPrinted
        self.payments = day.payments
        self.amountPaid = day.amountPaid
        self.credit = day.credit
        self.failures = day.failures.map { Cause(code: $0.code, detail: $0.detail, count: $0.count) }
    }

    static let csvHeader = [
        "day", "sessions", "sessions_completed", "transactions", "completed", "cancelled", "failed", "needs_attention", "resolved",
        "proofs_printed", "payments", "amount_paid", "credit", "failure_code", "failure_detail", "failure_count",
    ]

    /// One line per cause (the day's totals repeated), or one line without a cause.
    var csvLines: [[String]] {
        let totals = [
            self.day, "\(self.sessions)", "\(self.sessionsCompleted)", "\(self.transactions)", "\(self.completed)", "\(self.cancelled)", "\(self.failed)",
            "\(self.needsAttention)", "\(self.resolved)", "\(self.proofsPrinted)", "\(self.payments)", self.amountPaid.decimalString,
            self.credit.decimalString,
        ]
        if self.failures.isEmpty { return [totals + ["", "", ""]] }
        return self.failures.map { totals + [$0.code, $0.detail, "\($0.count)"] }
    }
}
