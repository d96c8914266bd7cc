import ArgumentParser
import Dispatch
import Foundation
import KioskCore
import Simulators

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip sim idcard`: an ID card reader on a pseudo-terminal, speaking the SAM protocol with
/// the seed citizens' cards, controlled through a Unix socket (`onetrip sim card place alpha`).
struct SimIDCardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard",
        abstract: "Simulate an ID card reader (SAM protocol) on a pseudo-terminal.",
        discussion: "Prints the PTY path, then serves until interrupted. Control: \(IDCardReaderSimulator.controlUsage)")

    @Option(help: "Also publish the PTY at this path (a stable symlink that survives unplug/plug).")
    var link: String?

    @Option(help: "The control socket.")
    var control: String = IDCardReaderSimulator.defaultControlPath

    @Option(help: "The simulated line speed.")
    var baud: Int = 115_200

    @Option(help: "The synthetic citizens whose cards the reader holds.")
    var citizens: String = "seeds/citizens.json"

    @Option(help: "Place this card at start.")
    var place: String?

    @Option(help: "Extra SAM processing time before each reply, in milliseconds.")
    var samTime: Int = 0

    @Flag(help: "Send replies at once instead of at line speed.")
    var unpaced = false

    @Flag(help: "Make a read card stop answering find until it is placed again (like some real modules).")
    var haltAfterRead = false

    func run() async throws {
        let people: [SyntheticCitizen]
        do {
            people = try SyntheticCitizen.decodeList(from: Data(contentsOf: URL(fileURLWithPath: self.citizens)))
        } catch {
            throw ValidationError("cannot load \(self.citizens): \(error) (run from the repository root or pass --citizens)")
        }
        let simulator = try IDCardReaderSimulator(citizens: people, symlinkPath: self.link, baudRate: self.baud, isPaced: !self.unpaced)
        await simulator.setSAMProcessingTime(.milliseconds(self.samTime))
        await simulator.setHaltsCardAfterRead(self.haltAfterRead)
        if let place { _ = try await simulator.place(place) }
        await simulator.start()
        let server = try SimulatorControlServer(path: self.control) { line in await simulator.perform(line) }
        var banner = ["pty      \(simulator.link.slavePath ?? simulator.devicePath)"]
        if let link { banner.append("link     \(link)") }
        banner.append("control  \(self.control)")
        banner.append("baud     \(self.baud)\(self.unpaced ? " (unpaced)" : "")")
        banner.append("cards    \(simulator.cards.map { "\($0.key):\($0.identity.cardType.rawValue)" }.joined(separator: " "))")
        // Written unbuffered, so a script reading the PTY path from a pipe gets it at once.
        FileHandle.standardOutput.write(Data((banner.joined(separator: "\n") + "\n").utf8))
        await Self.waitForTermination()
        server.stop()
        await simulator.stop()
    }

    /// Waits for SIGINT or SIGTERM.
    static func waitForTermination() async {
        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
    }
}
