import Foundation
import IngestHub
import Journal
import Logging
import OneTripSQLite
import UploadContract
import Uplink

extension Benchmark {
    /// Time to drain a 100,000-record backlog (a kiosk offline for a long time) to the
    /// reference hub over HTTPS on loopback, with the uploader's default batch limits.
    static let journalDrain = Benchmark(name: "journal-drain", summary: "drain a 100,000-record backlog to the reference hub (HTTPS, loopback)") {
        let backlog = 100_000
        let directory = try JournalBench.workDirectory("drain")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.sqlite").path
        let configuration = JournalConfiguration(kioskID: "BENCH-01")
        do {
            // One real visit through the journal, then its records repeated up to the backlog
            // (set-up only: the figure is the drain).
            let journal = try await Journal.open(path: path, configuration: configuration)
            for entry in JournalBench.visit(number: 1) { try await journal.record(entry) }
        }
        let database = try Database(path: path)
        try database.executeScript(
            """
            WITH RECURSIVE n(i) AS (SELECT 12 UNION ALL SELECT i + 1 FROM n WHERE i < \(backlog))
            INSERT INTO outbox (seq, category, kind, recorded_at, session_id, transaction_id, payload)
            SELECT n.i, o.category, o.kind, o.recorded_at + n.i, o.session_id, o.transaction_id, o.payload
            FROM n JOIN outbox o ON o.seq = ((n.i - 1) % 11) + 1;
            """)
        let journal = try await Journal.open(path: path, configuration: configuration)
        guard try await journal.outboxStatus().pendingRecords == backlog else { throw BenchmarkError.missing("a \(backlog)-record backlog") }

        let certificate = try JournalBench.selfSignedCertificate(in: directory)
        let key = KioskKey.generate()
        let store = try await HubStore.open(path: directory.appendingPathComponent("hub.sqlite").path)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let server = HubServer(
            store: store, verifier: UploadVerifier(keyring: KioskKeyring(["BENCH-01": key])),
            configuration: HubServer.Configuration(port: 0, tls: certificate), logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { continuation.yield($0) } }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchmarkError.missing("a running hub") }

        let uploader = try Uploader(
            journal: journal,
            configuration: UploaderConfiguration(
                backOffice: URL(string: "https://127.0.0.1:\(port)")!, kioskID: "BENCH-01", key: key,
                trustedCertificatesPath: certificate.certificateChainPath),
            logger: logger)
        let clock = ContinuousClock()
        let reports = ProgressCounter()
        let elapsed = try await clock.measure {
            try await uploader.flush { _ in reports.increment() }
        }
        let batches = reports.count
        try await uploader.shutdown()
        let held = try await store.kiosks().first?.records ?? 0
        guard held == backlog else { throw BenchmarkError.missing("all \(backlog) records at the hub (it holds \(held))") }
        let seconds = JournalBench.seconds(elapsed)
        return [
            Figure(name: "drain 100,000 records", value: seconds, unit: "s", goal: "≤ 20 s", meetsGoal: seconds <= 20),
            Figure(name: "drain rate", value: Double(backlog) / seconds, unit: "records/s"),
            Figure(name: "requests (500 records / 1 MiB each)", value: Double(batches - 1), unit: "requests"),
        ]
    }
}

extension JournalBench {
    /// A self-signed certificate for 127.0.0.1, made with openssl.
    static func selfSignedCertificate(in directory: URL) throws -> (certificateChainPath: String, privateKeyPath: String) {
        let certificate = directory.appendingPathComponent("hub.pem").path
        let key = directory.appendingPathComponent("hub.key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError.missing("openssl to make a test certificate") }
        return (certificate, key)
    }
}

/// Counts progress reports from a `@Sendable` callback.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { self.lock.withLock { self.value += 1 } }
    var count: Int { self.lock.withLock { self.value } }
}
