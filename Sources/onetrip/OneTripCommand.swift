import ArgumentParser

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
}
