import ArgumentParser
import Foundation
import Simulators

/// `onetrip sim cups`: a private cupsd with an IPP Everywhere printer simulator behind it
/// (CUPS's own `ippeveprinter`), for the demo and for trying the certificate printer without
/// hardware. Prints the scheduler's socket and the queue, then serves until interrupted.
struct SimCUPSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cups",
        abstract: "Run a private cupsd and an ippeveprinter (the A4 certificate printer).",
        discussion: "Needs Debian's cups, cups-ipp-utils and dbus (scripts/install-system-packages).")

    @Option(help: "The queue name.")
    var queue = "KioskA4"

    @Option(help: "Copy every document the printer receives into this folder.")
    var output: String?

    @Option(help: "A control socket: engine ok|jam|door|fail, paper N (0 = out), toner N, printer off|on, queue stop|start|reject|accept.")
    var control: String?

    func run() async throws {
        let queue = self.queue
        let rig = try await offloaded { try PrivateCUPS.start(queue: queue) }
        FileHandle.standardOutput.write(
            Data("server   \(rig.socketPath)\nqueue    \(rig.queue)\nprinter  \(rig.printerURI)\nspool    \(rig.printerSpool.path)\nlog      \(rig.directory.appendingPathComponent("cups/log/error_log").path)\n".utf8))
        let copier = Task { [output = self.output] in
            guard let output else { return }
            try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            var copied = Set<String>()
            while !Task.isCancelled {
                for file in (try? FileManager.default.contentsOfDirectory(atPath: rig.printerSpool.path)) ?? [] where !copied.contains(file) {
                    copied.insert(file)
                    try? FileManager.default.copyItem(
                        atPath: rig.printerSpool.appendingPathComponent(file).path, toPath: "\(output)/\(file)")
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        let server = try self.control.map { path in
            try SimulatorControlServer(path: path) { line in await Self.perform(line, on: rig) }
        }
        await SimIDCardCommand.waitForTermination()
        server?.stop()
        copier.cancel()
        try await offloaded { rig.stop() }
    }

    /// Carries out one control command against the rig.
    static func perform(_ line: String, on rig: PrivateCUPS) async -> String {
        let words = line.split(separator: " ").map(String.init)
        do {
            switch (words.first, words.dropFirst().first) {
            case ("engine", let mode?):
                guard let engine = PrivateCUPS.EngineMode(rawValue: mode) else { return "error engine ok|jam|door|fail" }
                try rig.setEngine(engine)
            case ("paper", let level?):
                guard let value = Int(level) else { return "error paper LEVEL" }
                try await offloaded { try rig.setPaper(level: value) }
            case ("toner", let level?):
                guard let value = Int(level) else { return "error toner PERCENT" }
                try await offloaded { try rig.setSupplies(waste: 0, toner: value) }
            case ("printer", "off"):
                try await offloaded { rig.stopPrinter() }
            case ("printer", "on"):
                try await offloaded { try rig.startPrinter() }
            case ("queue", let action?) where ["stop": "cupsdisable", "start": "cupsenable", "reject": "cupsreject", "accept": "cupsaccept"][action] != nil:
                let tool = ["stop": "cupsdisable", "start": "cupsenable", "reject": "cupsreject", "accept": "cupsaccept"][action]!
                _ = try await offloaded { try rig.admin(tool, [rig.queue]) }
            default:
                return "error unknown command '\(line)'"
            }
            return "ok \(line)"
        } catch {
            return "error \(error)"
        }
    }
}
