import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import KioskCore
import Logging

/// `onetrip devices`: what is plugged in, which model each device is, which role it fills,
/// and its status; `--watch` follows hot-plug events; `udev-rules` writes access rules.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the kiosk's devices, follow hot-plug events, or write udev rules.",
        subcommands: [List.self, UdevRulesCommand.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List discovered devices with their identity, role, profile and status.")

        @OptionGroup var options: DeviceCommandOptions
        @OptionGroup var config: ConfigFileOption
        @OptionGroup var socket: SocketOption

        @Flag(name: .long, help: "Print JSON (with --watch: one JSON object per line and event).")
        var json = false

        @Flag(name: .long, help: "Keep running and print every device that arrives or leaves.")
        var watch = false

        func run() async throws {
            let logger = self.options.makeLogger()
            if self.watch {
                try await self.follow(logger: logger)
                return
            }
            let (_, update, library) = try await self.options.scan(logger: logger)
            let listing = DeviceListing(assignment: update.assignment, profiles: library.profiles, statuses: try await self.daemonStatuses())
            if self.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                emit(String(decoding: try encoder.encode(listing), as: UTF8.self))
            } else {
                emit(listing.table)
            }
        }

        /// The drivers' statuses from the running daemon, which owns the devices; none (`not
        /// checked`) when no daemon runs.
        private func daemonStatuses() async throws -> [DeviceRole: DeviceStatus] {
            let client = try self.socket.makeClient(self.config, timeout: .seconds(10))
            do {
                let reports = try await client.devices()
                return Dictionary(reports.map { ($0.role, $0.status) }, uniquingKeysWith: { first, _ in first })
            } catch {
                guard error.isNotRunning else { throw error }
                return [:]
            }
        }

        private func follow(logger: Logger) async throws {
            // Listen before scanning, so a device plugged in during the scan is not missed.
            let monitor = try UdevMonitor()
            let (registry, initial, library) = try await self.options.scan(logger: logger)
            let updates = await registry.updates()
            self.print(initial, library: library)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await registry.follow(monitor.events) }
                group.addTask {
                    for await update in updates { self.print(update, library: library) }
                }
            }
        }

        private func print(_ update: DeviceRegistryUpdate, library: DeviceProfileLibrary) {
            if self.json {
                emit((try? jsonLine(update.record)) ?? "{}")
            } else if case .scan = update.trigger {
                emit(DeviceListing(assignment: update.assignment, profiles: library.profiles).table)
                emit("watching for devices (Ctrl-C to stop)…")
            } else {
                emit(update.record.line)
            }
        }
    }
}
