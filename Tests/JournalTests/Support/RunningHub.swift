import Foundation
import IngestHub
import KioskTestSupport
import Logging
import UploadContract

/// A reference hub running in the test process on a loopback port: a real HTTP(S) server and a
/// real SQLite store in a temporary directory.
final class RunningHub: Sendable {
    let store: HubStore
    let port: Int
    let scheme: String
    let directory: URL
    private let task: Task<Void, any Error>

    /// The base URL kiosks upload to.
    var url: URL { URL(string: "\(self.scheme)://127.0.0.1:\(self.port)")! }

    private init(store: HubStore, port: Int, scheme: String, directory: URL, task: Task<Void, any Error>) {
        self.store = store
        self.port = port
        self.scheme = scheme
        self.directory = directory
        self.task = task
    }

    /// Starts a hub accepting `keys`; on `port` 0 the system picks a free port.
    static func start(
        keys: [String: KioskKey], tls: Bool = false, port: Int = 0, directory: URL? = nil, allowedSkew: Duration = .seconds(300), maxBodyBytes: Int = 8 << 20
    ) async throws -> RunningHub {
        let directory = try directory ?? Fixtures.temporaryDirectory("onetrip-hub")
        let store = try await HubStore.open(path: directory.appendingPathComponent("hub.sqlite").path)
        let certificate = tls ? try TestCertificate.shared() : nil
        var logger = Logger(label: "test.hub")
        logger.logLevel = .critical
        let server = HubServer(
            store: store, verifier: UploadVerifier(keyring: KioskKeyring(keys), allowedSkew: allowedSkew),
            configuration: HubServer.Configuration(
                host: "127.0.0.1", port: port, tls: certificate.map { ($0.certificatePath, $0.privateKeyPath) }, maxBodyBytes: maxBodyBytes),
            logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            _ = try await task.value
            throw TestFailure("the hub stopped before listening")
        }
        return RunningHub(store: store, port: bound, scheme: tls ? "https" : "http", directory: directory, task: task)
    }

    /// Stops the server and waits for it.
    func stop() async {
        self.task.cancel()
        _ = await self.task.result
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, made once per test run with openssl.
struct TestCertificate: Sendable {
    let certificatePath: String
    let privateKeyPath: String

    private static let made: Result<TestCertificate, TestFailure> = {
        do {
            let directory = try Fixtures.temporaryDirectory("onetrip-tls")
            let certificate = directory.appendingPathComponent("hub.pem").path
            let key = directory.appendingPathComponent("hub.key").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return .failure(TestFailure("openssl req failed (\(process.terminationStatus))")) }
            return .success(TestCertificate(certificatePath: certificate, privateKeyPath: key))
        } catch {
            return .failure(TestFailure("cannot run openssl: \(error)"))
        }
    }()

    static func shared() throws -> TestCertificate { try self.made.get() }
}

/// A failed test precondition, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Waits until `condition` holds, polling every 20 ms, at most `timeout`.
func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Waits for a process to exit without blocking a thread of the cooperative pool (which has one
/// thread per core: blocking it would stall every other test running in parallel).
func waitForExit(_ process: Process, timeout: Duration = .seconds(120)) async throws {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
        guard ContinuousClock.now < deadline else { throw TestFailure("process \(process.processIdentifier) did not exit") }
        try await Task.sleep(for: .milliseconds(5))
    }
    process.waitUntilExit()  // returns at once: it has exited; this reaps it and sets its status
}
