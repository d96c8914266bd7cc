import ArgumentParser
import ControlAPI
import DeviceKit
import Foundation
import KioskCore
import Logging
import OneTripConfiguration

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

    @Option(name: .long, help: ArgumentHelp("The kiosk's database, for the bill validator's test cash-ins (default: the configuration's).", valueName: "file"))
    var database: String?

    @OptionGroup var options: DeviceCommandOptions
    @OptionGroup var config: ConfigFileOption
    @OptionGroup var socket: SocketOption

    func run() async throws {
        let logger = self.options.makeLogger()
        let request = DiagnosticRequest(level: self.level, roles: self.roles.isEmpty ? DeviceRole.allCases : self.roles)
        let configuration = try self.config.loadIfPresent()
        let (source, drivers) = try await self.source(logger: logger, roles: request.roles, configuration: configuration)
        if source is RemoteDiagnostics, !self.json {
            FileHandle.standardError.write(Data("onetripd is running and owns the devices: the checks run there\n".utf8))
        }
        let interactive = !self.json && TerminalPrompter.isTerminal
        let context = DiagnosticContext(prompter: interactive ? TerminalPrompter() : UnattendedPrompter())
        let showProgress = !self.json && interactive
        let report: DiagnosticReport
        do {
            report = try await source.runDiagnostics(request, context: context) { entry in
                if showProgress {
                    FileHandle.standardError.write(Data("  \(entry.role?.rawValue ?? "kiosk"): \(entry.check): \(entry.result.verdict.label)\n".utf8))
                }
            }
        } catch {
            await drivers?.stopAll()
            throw error
        }
        await drivers?.stopAll()
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
    /// socket answers the checks run there (``RemoteDiagnostics``). When no daemon runs, this
    /// process opens the devices itself: the ones the configuration names, else the ones
    /// discovery finds. A daemon this user may not talk to is an error, not a reason to open
    /// devices it holds.
    private func source(
        logger: Logger, roles: [DeviceRole], configuration: KioskConfiguration?
    ) async throws -> (any DiagnosticsSource, LocalDrivers?) {
        let client = try self.socket.makeClient(self.config, timeout: .seconds(10))
        if try await client.isDaemonRunning() { return (RemoteDiagnostics(client: client), nil) }
        var options = self.options
        if options.profiles == nil, let configuration { options.profiles = configuration.kiosk.profilesDirectory }
        let library: DeviceProfileLibrary
        var assignment = RoleAssignment()
        do {
            let (_, update, loaded) = try await options.scan(logger: logger)
            library = loaded
            assignment = update.assignment
        } catch let error as UdevError {
            logger.error("device discovery failed: \(error)")
            library = options.loadProfiles(logger: logger)
        }
        var configured: [DeviceRole: DeviceTarget] = [:]
        var problems: [DeviceRole: String] = [:]
        for (role, device) in configuration?.devices ?? [:] {
            guard let profile = library[device.profile] else {
                problems[role] = "\(configuration?.file ?? "onetrip.toml"): the \(role.rawValue) profile '\(device.profile)' is not in \(options.profileDirectory)"
                continue
            }
            guard profile.role == role else {
                problems[role] = "\(configuration?.file ?? "onetrip.toml"): profile '\(device.profile)' is for the \(profile.role.rawValue), not the \(role.rawValue)"
                continue
            }
            configured[role] = DeviceTarget(
                role: role, profile: profile, origin: .configured, path: device.path, host: device.host, port: device.port,
                cupsServer: device.cupsServer, queue: device.queue)
        }
        let environment = DiagnosticEnvironment(profiles: library, assignment: assignment, roles: roles, configured: configured)
        var driverLogger = logger
        driverLogger.logLevel = self.options.verbose ? .debug : .error
        let drivers = LocalDrivers(
            settings: LocalDrivers.Settings(
                kioskID: configuration?.kiosk.id ?? "DIAG", office: configuration?.kiosk.office ?? "OneTrip diagnostics",
                timeZone: configuration.flatMap { TimeZone(identifier: $0.kiosk.timeZone) } ?? TimeZone(identifier: "Asia/Shanghai")!,
                databasePath: self.database ?? configuration?.kiosk.databasePath, problems: problems, logger: driverLogger))
        return (LocalDiagnostics(catalogue: KioskDiagnostics.catalogue(drivers), environment: environment), drivers)
    }
}
