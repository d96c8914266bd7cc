import ArgumentParser
import Foundation
import Simulators

/// `onetrip sim scanner`: a serial payment-code scanner on a pseudo-terminal; `scan CODE` on the
/// control socket "reads" a phone.
struct ScannerSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanner", abstract: "Simulate a serial payment-code scanner on a pseudo-terminal.",
        discussion: "Control commands:\n" + PaymentCodeScannerSimulator.controlHelp)

    @Option(help: "Publish the PTY at this path.")
    var link: String = "/tmp/onetrip-scanner"

    @Option(help: "The control socket.")
    var control: String = "/tmp/onetrip-scanner.sock"

    func run() async throws {
        let scanner = try PaymentCodeScannerSimulator(symlinkPath: self.link)
        let server = try SimulatorControlServer(path: self.control) { line in await scanner.handle(controlLine: line) }
        say("payment-code scanner on \(self.link) (\(scanner.link.slavePath ?? "?")), control socket \(self.control)")
        await SignalWait.untilInterrupted()
        server.stop()
        scanner.link.unplug()
    }
}
