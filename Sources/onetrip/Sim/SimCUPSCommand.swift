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

    func run() async throws {
        let queue = self.queue
        let rig = try await offloaded { try PrivateCUPS.start(queue: queue) }
        FileHandle.standardOutput.write(
            Data("server   \(rig.socketPath)\nqueue    \(rig.queue)\nprinter  \(rig.printerURI)\nspool    \(rig.printerSpool.path)\n".utf8))
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
        await SimIDCardCommand.waitForTermination()
        copier.cancel()
        try await offloaded { rig.stop() }
    }
}
