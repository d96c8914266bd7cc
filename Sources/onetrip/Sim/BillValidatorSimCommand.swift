import ArgumentParser
import Foundation
import Simulators

/// `onetrip sim bill-validator`: an ITL SSP banknote validator (NV9/NV200 class, CNY dataset)
/// on a pseudo-terminal, with a control socket to insert notes and inject faults.
struct BillValidatorSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bill-validator", abstract: "Simulate an SSP banknote validator on a pseudo-terminal.",
        discussion: "Control commands (one per line on the socket):\n" + BillValidatorSimulator.controlHelp)

    @Option(help: "Publish the PTY at this path (a stable name for the driver).")
    var link: String = "/tmp/onetrip-validator"

    @Option(help: "The control socket.")
    var control: String = "/tmp/onetrip-validator.sock"

    @Option(help: "How long a note may wait in escrow without HOLD (e.g. 5s).")
    var escrowTimeout: String = "5s"

    @Flag(help: "Answer without 9600-baud wire time.")
    var unpaced = false

    func run() async throws {
        var device = SimulatedBillValidator()
        guard let timeout = BillValidatorSimulator.duration(self.escrowTimeout) else {
            throw ValidationError("'\(self.escrowTimeout)' is not a duration (5s, 300ms)")
        }
        device.escrowTimeout = timeout
        let simulator = try BillValidatorSimulator(symlinkPath: self.link, isPaced: !self.unpaced, device: device)
        await simulator.start()
        let server = try SimulatorControlServer(path: self.control) { line in await simulator.handle(controlLine: line) }
        say("bill validator on \(self.link) (\(simulator.link.slavePath ?? "?")), control socket \(self.control)")
        await SignalWait.untilInterrupted()
        server.stop()
        await simulator.stop()
    }
}
