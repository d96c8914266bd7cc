import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import KioskCore
import Logging

/// `onetrip diag`: runs the device health checks at a level and prints a table (or JSON);
/// exits 1 when any check fails.
struct DiagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diag",
        abstract: "Run device health checks (exit status 1 when a check fails).",
        discussion: """
            Levels: internal (status queries, no physical effect), external (test receipt, test page, \
            card read, bill path), interactive (guided, with a technician at the kiosk). A level runs \
            the checks of the levels below it too.
            """)

    @Option(name: .long, help: "How far the checks go: internal, external or interactive.")
    var level: DiagnosticLevel = .internal

    @Option(name: .customLong("role"), help: "Check only this role (repeatable; default: every role).")
    var roles: [DeviceRole] = []

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @OptionGroup var options: DeviceCommandOptions
    @OptionGroup var config: ConfigFileOption
    @OptionGroup var socket: SocketOption

    func run() async throws {
        let logger = self.options.makeLogger()
        let request = DiagnosticRequest(level: self.level, roles: self.roles.isEmpty ? DeviceRole.allCases : self.roles)
        let source = try await self.source(logger: logger, roles: request.roles)
        if source is RemoteDiagnostics, !self.json {
            FileHandle.standardError.write(Data("onetripd is running and owns the devices: the checks run there\n".utf8))
        }
        let interactive = !self.json && TerminalPrompter.isTerminal
        let context = DiagnosticContext(prompter: interactive ? TerminalPrompter() : UnattendedPrompter())
        let showProgress = !self.json && interactive
        let report = try await source.runDiagnostics(request, context: context) { entry in
            if showProgress {
                FileHandle.standardError.write(Data("  \(entry.role?.rawValue ?? "kiosk"): \(entry.check): \(entry.result.verdict.label)\n".utf8))
            }
        }
        if self.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            emit(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            FileHandle.standardOutput.write(Data(report.table.utf8))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Where the checks run. The daemon owns the devices while it runs, so when its control
    /// socket answers the checks run there (``RemoteDiagnostics``); when no daemon runs, this
    /// process opens the devices itself. A daemon this user may not talk to is an error, not a
    /// reason to open devices it holds.
    private func source(logger: Logger, roles: [DeviceRole]) async throws -> any DiagnosticsSource {
        let client = try self.socket.makeClient(self.config, timeout: .seconds(10))
        if try await client.isDaemonRunning() { return RemoteDiagnostics(client: client) }
        let library: DeviceProfileLibrary
        var assignment = RoleAssignment()
        do {
            let (_, update, loaded) = try await self.options.scan(logger: logger)
            library = loaded
            assignment = update.assignment
        } catch let error as UdevError {
            logger.error("device discovery failed: \(error)")
            library = self.options.loadProfiles(logger: logger)
        }
        let environment = DiagnosticEnvironment(profiles: library, assignment: assignment, roles: roles)
        return LocalDiagnostics(catalogue: KioskDiagnostics.catalogue, environment: environment)
    }
}
