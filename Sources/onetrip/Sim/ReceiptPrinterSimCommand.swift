import ArgumentParser
import DeviceKit
import Dispatch
import Foundation
import Simulators

/// `onetrip sim receipt-printer`: a simulated ESC/POS receipt printer on a PTY or a TCP port.
///
/// ```sh
/// onetrip sim receipt-printer --link /tmp/onetrip/receipt --control /tmp/onetrip/receipt.sock --output /tmp/receipts
/// onetrip sim receipt-printer --tcp 9100 --profile escpos-80mm-network
/// onetrip sim control /tmp/onetrip/receipt.sock paper out      # or any client of the control socket
/// ```
struct ReceiptPrinterSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt-printer",
        abstract: "Simulate an ESC/POS receipt printer (decodes every command, renders receipts as text and PNG).",
        discussion: "Control commands (one per line on --control): \(ReceiptPrinterSimulator.controlHelp)")

    @Option(help: "Listen on this TCP port (9100 for a network printer; 0 picks a free port).")
    var tcp: Int?

    @Option(help: "The address to listen on with --tcp.")
    var host = "127.0.0.1"

    @Option(help: "Publish the PTY at this path (a symlink a driver opens as its serial or USB device).")
    var link: String?

    @Option(help: "The PTY's simulated line speed.")
    var baudRate = 115_200

    @Option(help: "A Unix socket for control commands (paper out, cover open, drop-next-job…).")
    var control: String?

    @Option(help: "Write each receipt as receipt-NNNN.txt and receipt-NNNN.png into this directory.")
    var output: String?

    @Option(help: "The printer profile (a file name in the profile directory, without .yaml).")
    var profile = "escpos-80mm-generic"

    @Option(help: "The device profile directory.")
    var profiles = "DeviceProfiles"

    @Flag(inversion: .prefixedNo, help: "Whether Chinese mode is on at power-on and after ESC @ (Chinese-market firmware).")
    var chineseModeAtPowerOn = true

    func validate() throws {
        if self.tcp != nil, self.link != nil { throw ValidationError("give --tcp or --link, not both") }
    }

    func run() async throws {
        let library = DeviceProfileLibrary.load(directory: URL(fileURLWithPath: self.profiles))
        guard let profile = library[self.profile] else {
            throw ValidationError("no profile '\(self.profile)' in \(self.profiles) (valid: \(library.profiles.map(\.id).joined(separator: ", ")))")
        }
        guard case .receiptPrinter(let capabilities) = profile.capabilities else {
            throw ValidationError("profile '\(self.profile)' is not a receipt printer's")
        }
        if let output { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) }
        let log: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data("receipt-printer: \(line)\n".utf8)) }
        let simulator = ReceiptPrinterSimulator(
            configuration: .init(
                printer: .init(capabilities: capabilities, chineseModeAtPowerOn: capabilities.hasChineseMode && self.chineseModeAtPowerOn),
                outputDirectory: self.output, log: log))

        var listener: TCPListener?
        var serialLink: SimulatedSerialLink?
        if let tcp {
            listener = try simulator.listen(host: self.host, port: tcp)
            log("\(profile.model): listening on \(self.host):\(listener!.port)")
        } else {
            let link = try SimulatedSerialLink(symlinkPath: self.link, baudRate: self.baudRate, isPaced: true)
            serialLink = link
            _ = simulator.serve(link: link)
            log("\(profile.model): serial link \(link.devicePath)\(link.slavePath.map { " -> \($0)" } ?? "") at \(self.baudRate) baud")
        }
        var controlServer: SimulatorControlServer?
        if let control {
            controlServer = try SimulatorControlServer(path: control) { line in await simulator.handleControl(line) }
            log("control socket \(control)")
        }
        _ = controlServer

        // Run until SIGINT/SIGTERM, then remove the symlink and sockets.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stop, stopContinuation) = AsyncStream.makeStream(of: Void.self)
        var signalSources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stopContinuation.yield() }
            source.resume()
            signalSources.append(source)
        }
        for await _ in stop { break }
        signalSources.forEach { $0.cancel() }
        listener?.stop()
        serialLink?.unplug()
        controlServer?.stop()
        log("stopped")
    }
}
