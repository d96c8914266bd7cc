import ArgumentParser
import Foundation
import KioskCore
import KioskScreens
import Simulators

/// `onetrip screen --connect SOCKET`: the citizen's screen, a full-screen terminal UI on the
/// kiosk's display. It shows the screens the daemon sends over the socket and sends back the
/// citizen's touches and keypad presses; it runs as its own process so that a crash of the UI
/// never takes the daemon down. Stop it with SIGTERM.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Run the kiosk's touch screen UI on this terminal, linked to the daemon's screen socket."
    )

    @Option(name: .long, help: "The daemon's screen socket (newline-delimited JSON).")
    var connect: String

    @Option(name: .long, help: "The kiosk id shown on the status line.")
    var kioskID: String?

    @Option(name: .long, help: "Show this text instead of the clock (screenshots and tests), e.g. \"2026-11-26 09:30\".")
    var fixedTime: String?

    @Option(name: .long, help: "Demo only: the ID card simulator's control socket; letters a–i place the seed citizens alpha…india on the reader, r removes the card.")
    var cardSimulator: String?

    @Option(name: .long, help: "Demo only: the seed citizens file the letters refer to.")
    var citizens = "seeds/citizens.json"

    func run() throws {
        var demoKeys: (@Sendable (Character) -> Bool)?
        if let socket = self.cardSimulator {
            let keys = (try? SyntheticCitizen.decodeList(from: Data(contentsOf: URL(fileURLWithPath: self.citizens))))?.map(\.key) ?? []
            demoKeys = { character in
                let command: String
                if character == "r" {
                    command = "remove"
                } else if let letter = character.asciiValue, letter >= 97, Int(letter - 97) < keys.count {
                    command = "place \(keys[Int(letter - 97)])"
                } else {
                    return false
                }
                Task { _ = try? await SimulatorControlClient.send(command, to: socket) }
                return true
            }
        }
        let display = KioskDisplay(
            options: .init(socketPath: self.connect, kioskID: self.kioskID, fixedTime: self.fixedTime, demoKeys: demoKeys))
        do {
            try display.run()
        } catch {
            print("onetrip screen: \(error)")
            throw ExitCode.failure
        }
    }
}
