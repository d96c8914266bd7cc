import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation

/// `onetrip sessions`: the visit under way and the latest visits (no personal data).
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Show the citizen's visit under way and the latest visits, without personal data (asks onetripd).")

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var socket: SocketOption

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        let report = try await self.socket.makeClient(self.config).sessions()
        if self.json {
            emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(report), as: UTF8.self))
            return
        }
        let time = OperatorTime(timeZone: try self.config.timeZone())
        if let visit = report.current {
            var parts = ["\(visit.sessionID)", "state \(visit.state)", "screen \(visit.screen.rawValue)"]
            if let service = visit.service { parts.append("service \(service.rawValue)") }
            if let due = visit.amountDue { parts.append("due \(due)") }
            if let paid = visit.amountPaid { parts.append("paid \(paid)") }
            if let seconds = visit.secondsToTimeout { parts.append("times out in \(seconds) s") }
            emit("current visit: " + parts.joined(separator: ", "))
        } else {
            emit("current visit: none (waiting for a card)")
        }
        emit("")
        guard !report.recent.isEmpty else {
            emit("No visits journalled.")
            return
        }
        var table = TextTable(headings: ["SESSION", "STARTED", "ENDED", "CARD", "SERVICE", "OUTCOME"])
        for visit in report.recent {
            table.append([
                visit.sessionID, time.local(visit.startedAt), visit.endedAt.map(time.local) ?? "-", visit.cardType?.rawValue ?? "-",
                visit.service?.rawValue ?? "-", visit.outcome ?? "under way",
            ])
        }
        emit(table.render())
    }
}
