import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip`: the technician's and operator's tool. It talks to the running daemon over its
/// control socket where one is running, and works on devices and files directly otherwise.
@main
struct OneTripCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onetrip",
        abstract: "Technician and operator tool for OneTrip self-service kiosks.",
        subcommands: [
            ProfilesCommand.self,
            IDNumberCommand.self,
            IDCardCommand.self,
            SimCommand.self,
            DevicesCommand.self,
            DiagCommand.self,
            ScreenCommand.self,
            VerifyCommand.self,
            IssuingKeyCommand.self,
            CashCommand.self,
            HubCommand.self,
            StatusCommand.self,
            MaintenanceCommand.self,
            SessionsCommand.self,
            QueueCommand.self,
            LogsCommand.self,
            TransactionsCommand.self,
            StatsCommand.self,
        ]
    )

    /// Parses and runs the command with `SIGPIPE` ignored: the simulators and operator commands
    /// talk over sockets, pipes and PTYs, and a peer that goes away must be an error the command
    /// handles, never a signal that silently kills a simulator in the middle of a test or demo.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
