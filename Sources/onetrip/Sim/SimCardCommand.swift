import ArgumentParser
import Simulators

/// `onetrip sim card …`: puts cards on (and faults into) a running `onetrip sim idcard` through
/// its control socket; the demo uses `onetrip sim card place alpha`.
struct SimCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Control a running ID card reader simulator.",
        subcommands: [Place.self, Remove.self, Fault.self, Send.self]
    )

    /// The control socket option shared by every subcommand.
    struct ControlOption: ParsableArguments {
        @Option(help: "The simulator's control socket.")
        var control: String = IDCardReaderSimulator.defaultControlPath

        /// Sends one command and prints the reply; exits 1 when the simulator says `error`.
        func send(_ command: String) async throws {
            let reply: String
            do {
                reply = try await SimulatorControlClient.send(command, to: self.control)
            } catch {
                print("error: \(error)")
                throw ExitCode.failure
            }
            print(reply)
            if reply.hasPrefix("error") { throw ExitCode.failure }
        }
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Place a card (by seed key, or the next one in the queue).")
        @Argument(help: "The citizen key (alpha…india).") var name: String?
        @OptionGroup var options: ControlOption
        func run() async throws { try await self.options.send(self.name.map { "place \($0)" } ?? "place") }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take the card away.")
        @OptionGroup var options: ControlOption
        func run() async throws { try await self.options.send("remove") }
    }

    struct Fault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inject a fault (\(IDCardReaderFault.allCases.map(\.rawValue).joined(separator: ", "))), or 'clear'.")
        @Argument(help: "The fault, or clear.") var fault: String
        @Argument(help: "How many times (default 1), or always.") var count: String?
        @OptionGroup var options: ControlOption
        func run() async throws { try await self.options.send((["fault", self.fault] + (self.count.map { [$0] } ?? [])).joined(separator: " ")) }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send any control command (\(IDCardReaderSimulator.controlUsage)).")
        @Argument(help: "The command words.") var words: [String]
        @OptionGroup var options: ControlOption
        func run() async throws { try await self.options.send(self.words.joined(separator: " ")) }
    }
}
