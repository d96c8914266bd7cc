import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import Journal
import KioskCore

/// `onetrip logs`: the operator's event log (device faults, refusals, failed prints, money
/// needing attention, operator actions), read from the kiosk database so it works whether or
/// not the daemon runs.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Show the kiosk's event log, filtered; --follow keeps printing new events.",
        discussion: """
            Times are kiosk-local: 2026-11-26 (the whole day), '2026-11-26 14:00', \
            2026-11-26T14:00:05+08:00, today, yesterday, now, or an age such as 30m, 2h, 7d. \
            Levels from least to most serious: debug, info, notice, warning, error, critical.
            """)

    @Option(name: .long, help: ArgumentHelp("Events at or after this time.", valueName: "time"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Events before this time (a date alone: through the end of that day).", valueName: "time"))
    var until: String?

    @Option(name: .long, help: "At least this serious.")
    var level: JournalEvent.Level?

    @Option(name: .long, help: ArgumentHelp("From this device (the event's source, e.g. receipt-printer).", valueName: "source"))
    var device: String?

    @Option(name: .long, help: ArgumentHelp("About visits for this service (e.g. traffic-fine-payment).", valueName: "code"))
    var service: String?

    @Option(name: .long, help: ArgumentHelp("About this transaction (HS-0001-000042T).", valueName: "id"))
    var transaction: String?

    @Option(name: .long, help: ArgumentHelp("About this visit (HS-0001-000042).", valueName: "id"))
    var session: String?

    @Option(name: .long, help: "At most this many events (the newest).")
    var limit = 200

    @Flag(name: .shortAndLong, help: "Keep running and print new events as they are written.")
    var follow = false

    @Option(name: .long, help: ArgumentHelp("How often --follow looks for new events, in milliseconds.", visibility: .hidden))
    var pollInterval = 500

    @OptionGroup var format: ListFormatOption

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        if self.follow, self.until != nil { throw ValidationError("--follow prints events as they come; it does not go with --until") }
        if self.limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let time = OperatorTime(timeZone: try self.config.timeZone())
        var query = EventQuery(
            from: try self.since.map { try time.parse($0, option: "--since", as: .lower) },
            to: try self.until.map { try time.parse($0, option: "--until", as: .upper) }, minimumLevel: self.level, source: self.device,
            limit: self.limit, sessionID: self.session, transactionID: self.transaction, service: self.service.map(ServiceCode.init(rawValue:)))
        let journal = try await self.database.openJournal(self.config)
        let format = EventFormat(json: self.format.json, csv: self.format.csv, time: time)
        // The newest `limit` events, printed oldest first.
        let latest = Array(try await journal.events(matching: query).reversed())
        if self.format.csv { FileHandle.standardOutput.write(Data(EventFormat.csvHeader.utf8)) }
        for record in latest { format.write(record) }
        if !self.follow {
            if latest.isEmpty, !self.format.json, !self.format.csv { FileHandle.standardError.write(Data("No events match.\n".utf8)) }
            return
        }
        // Follow: every new row, in the order written, whatever its timestamp.
        var lastID: Int64 = 0
        if let last = latest.last {
            lastID = last.id
        } else if let newest = try await journal.events(matching: EventQuery(limit: 1)).first {
            lastID = newest.id
        }
        query.from = nil
        query.oldestFirst = true
        query.limit = 1000
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(max(50, self.pollInterval)))
            query.afterID = lastID
            for record in try await journal.events(matching: query) {
                format.write(record)
                lastID = record.id
            }
        }
    }
}

extension JournalEvent.Level: ExpressibleByArgument {}

/// How `onetrip logs` prints an event: an aligned line, a JSON object, or a CSV row.
struct EventFormat {
    let json: Bool
    let csv: Bool
    let time: OperatorTime

    static let csvHeader = CSVTable.line(["id", "time", "level", "category", "source", "code", "session", "transaction", "message"])

    /// One event, JSON-encoded.
    struct Row: Encodable {
        var id: Int64
        var time: String
        var level: String
        var category: String
        var source: String
        var code: String
        var session: String?
        var transaction: String?
        var message: String
    }

    func row(_ record: EventRecord) -> Row {
        Row(
            id: record.id, time: self.time.iso(record.at), level: record.event.level.rawValue, category: record.event.category.rawValue,
            source: record.event.source, code: record.event.code, session: record.event.sessionID?.description,
            transaction: record.event.transactionID?.description, message: record.event.message)
    }

    /// Writes one event to stdout at once (a follower reading a pipe sees it).
    func write(_ record: EventRecord) {
        let row = self.row(record)
        if self.json {
            emit((try? jsonLine(row)) ?? "{}")
        } else if self.csv {
            let fields = [String(row.id), row.time, row.level, row.category, row.source, row.code, row.session ?? "", row.transaction ?? "", row.message]
            FileHandle.standardOutput.write(Data(CSVTable.line(fields).utf8))
        } else {
            let about = row.transaction ?? row.session ?? "-"
            emit(
                [self.time.local(record.at), Self.pad(row.level, 8), Self.pad(row.source, 18), Self.pad(row.code, 20), Self.pad(about, 17), row.message]
                    .joined(separator: " "))
        }
    }

    /// Pads to a column width, counting CJK characters as two columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextTable.width(of: text)))
    }
}
