import ArgumentParser
import Foundation
import KioskCore
import Logging
import RecordsGatewaySimulator
import Simulators
import UploadContract

#if canImport(Glibc)
import Glibc
#endif

/// `onetrip sim records-gateway --port N`: the reference department records gateway
/// (docs/records-gateway.yaml) serving `seeds/records.json`, with fault switches on a control
/// socket (`fail 503 2`, `delay 2s`, `malformed`, `drop`…) for the demo and for trying the
/// kiosk's gateway client.
struct RecordsGatewaySimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records-gateway", abstract: "Run the reference records gateway on loopback HTTP(S).",
        discussion: "Control commands (one per line on the socket):\n" + RecordsGatewayServer.controlHelp)

    @Option(help: "The TCP port (0 picks a free one).")
    var port: Int = 8090

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The seeds folder holding records.json.")
    var seeds: String = "seeds"

    @Option(help: "The signing key file (hex, as `onetrip hub keygen` prints); created with a new key if missing.")
    var key: String = "/tmp/onetrip-records-gateway.key"

    @Option(help: "The control socket for fault switches.")
    var control: String?

    @Option(help: "PEM certificate chain for HTTPS.")
    var certificate: String?

    @Option(help: "PEM private key for HTTPS.")
    var privateKey: String?

    @Option(help: "Delay every records answer (e.g. 2s) from the start.")
    var delay: String = "0"

    func run() async throws {
        guard let delay = GatewayFaults.duration(self.delay) else { throw ValidationError("'\(self.delay)' is not a duration (2s, 300ms)") }
        guard (self.certificate == nil) == (self.privateKey == nil) else { throw ValidationError("give both --certificate and --private-key, or neither") }
        let file = URL(fileURLWithPath: self.seeds).appendingPathComponent("records.json")
        let books: [RecordBook]
        do {
            books = try RecordBookFile.decode(try Data(contentsOf: file))
        } catch {
            throw ValidationError("cannot load \(file.path): \(error)")
        }
        let (key, created) = try Self.loadOrCreateKey(at: self.key)
        var logger = Logger(label: "onetrip.sim.records-gateway") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .info
        let server = RecordsGatewayServer(responder: RecordsGatewayResponder(books: books, key: key), logger: logger)
        server.setFaults { $0.answerDelay = delay }
        let tls = self.certificate.flatMap { certificate in self.privateKey.map { (certificate, $0) } }
        let port = try await server.start(host: self.host, port: self.port, tls: tls)
        let control = try self.control.map { path in try SimulatorControlServer(path: path) { line in server.handle(controlLine: line) } }
        say("records gateway on \(tls == nil ? "http" : "https")://\(self.host):\(port)/v1/records/{source} (\(books.count) citizens)")
        say("key \(self.key) (\(created ? "created, " : "")\(key)); control socket \(self.control ?? "none")")
        await SignalWait.untilInterrupted()
        control?.stop()
        await server.stop()
    }

    /// Reads the hex key at `path`, or writes a new one there (mode 0600) when the file is missing.
    static func loadOrCreateKey(at path: String) throws -> (KioskKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try KioskKey(contentsOfFile: path), false) }
        let key = KioskKey.generate()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationError("cannot create the key file \(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data((key.hexEncoded + "\n").utf8))
        return (key, true)
    }
}
