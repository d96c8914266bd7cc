import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation

/// `onetrip status`: the running kiosk at a glance, from the daemon.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the kiosk's state: service, maintenance, devices and upload queue (asks onetripd).")

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var socket: SocketOption

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        let report = try await self.socket.makeClient(self.config).status()
        if self.json {
            emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(report), as: UTF8.self))
            return
        }
        let time = OperatorTime(timeZone: try self.config.timeZone())
        emit(Self.render(report, time: time))
    }

    /// The report for a terminal.
    static func render(_ report: KioskStatusReport, time: OperatorTime) -> String {
        var lines: [String] = []
        lines.append("kiosk        \(report.kioskID) (onetripd \(report.version)), up \(OperatorTime.span(report.uptimeSeconds)) since \(time.local(report.startedAt))")
        let service = report.inService ? "in service" : "OUT OF SERVICE for citizens"
        lines.append("service      \(service) (screen \(report.screen.rawValue), session \(report.sessionState))")
        lines.append("maintenance  \(MaintenanceCommand.describe(report.maintenance, time: time))")
        if let queue = report.queue {
            lines.append("queue        \(QueueCommand.describe(queue, time: time))")
        } else {
            lines.append("queue        unknown (the journal cannot be read)")
        }
        lines.append("")
        lines.append(Self.deviceTable(report.devices))
        return lines.joined(separator: "\n")
    }

    /// Devices with their availability and each fault's remediation on its own line.
    static func deviceTable(_ statuses: [DeviceStatus]) -> String {
        guard !statuses.isEmpty else { return "No devices reported." }
        var table = TextTable(headings: ["ROLE", "DEVICE", "MODEL", "AVAILABILITY"])
        var faults: [Int: [String]] = [:]
        for (index, status) in statuses.enumerated() {
            table.append([status.role.rawValue, status.deviceID, status.model ?? "-", status.availability.label])
            faults[index] = status.faults.map { "  ✗ \($0.code): \($0.summary) → \($0.remediation.action.rawValue): \($0.remediation.instruction)" }
        }
        var lines: [String] = []
        for (index, line) in table.render().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines.append(String(line))
            if index > 0 { lines += faults[index - 1] ?? [] }
        }
        return lines.joined(separator: "\n")
    }
}
