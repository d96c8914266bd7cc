import ArgumentParser
import Foundation
import KioskDaemon
import Logging
import OneTripConfiguration
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// `onetripd`: the kiosk daemon. It owns the devices, runs the citizen's session, prints,
/// journals and uploads. Started by systemd (`packaging/onetripd.service`, `Type=notify`).
@main
struct OneTripDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onetripd", abstract: "The OneTrip kiosk daemon.")

    @Option(name: .long, help: "The configuration file.")
    var config = "/etc/onetrip/onetrip.toml"

    @Flag(name: .long, help: "Validate the configuration and exit (0 when valid).")
    var check = false

    func run() async throws {
        let configuration: KioskConfiguration
        do {
            configuration = try KioskConfiguration.load(path: self.config)
        } catch {
            FileHandle.standardError.write(Data("onetripd: configuration error: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG: systemd shows it; Restart= does not help a bad file
        }
        if self.check {
            print("\(self.config): ok (kiosk \(configuration.kiosk.id))")
            return
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in JournaldLogHandler(label: label, level: level) }
        var logger = Logger(label: "onetripd")
        logger[metadataKey: "kiosk"] = "\(configuration.kiosk.id)"
        // Signals are handled by the service group; a write to a closed socket must not kill us.
        signal(SIGPIPE, SIG_IGN)

        let assembly: KioskAssembly
        do {
            assembly = try await KioskAssembly(configuration: configuration, logger: logger)
        } catch {
            logger.critical("onetripd cannot start: \(error)")
            throw ExitCode.failure
        }
        logger.notice("onetripd started", metadata: ["screen": "\(configuration.sockets.screen)", "database": "\(configuration.kiosk.databasePath)"])
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: assembly.services(), gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("onetripd stopped on an error: \(error)")
            await assembly.shutdown()
            throw ExitCode.failure
        }
        await assembly.shutdown()
        logger.notice("onetripd stopped")
    }
}
