import ArgumentParser
import ControlAPI
import Foundation

/// `onetrip maintenance on|off|status`: takes the kiosk out of service for citizens before a
/// technician runs external checks or opens a device, and puts it back.
struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Take the kiosk out of service for citizens (on), put it back (off), or show the mode (status).",
        discussion: """
            With maintenance on, a citizen's visit under way finishes first; then the screen shows \
            "设备维护中 / Under maintenance" until maintenance is switched off. The change is \
            journalled as an operator action.
            """)

    /// What to do.
    enum Action: String, ExpressibleByArgument, CaseIterable {
        case on, off, status
    }

    @Argument(help: "on, off or status.")
    var action: Action

    @Option(name: .long, help: "Why (shown in onetrip status and journalled).")
    var reason: String?

    @OptionGroup var config: ConfigFileOption
    @OptionGroup var socket: SocketOption

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if self.action != .on, self.reason != nil { throw ValidationError("--reason goes with 'on'") }
    }

    func run() async throws {
        let client = try self.socket.makeClient(self.config)
        let state: MaintenanceState
        switch self.action {
        case .on: state = try await client.setMaintenance(true, reason: self.reason)
        case .off: state = try await client.setMaintenance(false)
        case .status: state = try await client.status().maintenance
        }
        if self.json {
            emit(String(decoding: try ControlJSON.makeEncoder(pretty: true).encode(state), as: UTF8.self))
            return
        }
        let time = OperatorTime(timeZone: try self.config.timeZone())
        emit("maintenance \(Self.describe(state, time: time))")
        if state.enabled, state.visitInProgress {
            emit("a citizen's visit is under way: the kiosk leaves service when it ends; wait before touching the devices")
        }
    }

    /// `on since 2026-11-26 14:00:00: replacing the paper roll`, or `off`.
    static func describe(_ state: MaintenanceState, time: OperatorTime) -> String {
        guard state.enabled else { return "off" }
        var text = "ON"
        if let since = state.since { text += " since \(time.local(since))" }
        if let reason = state.reason { text += ": \(reason)" }
        return text
    }
}
