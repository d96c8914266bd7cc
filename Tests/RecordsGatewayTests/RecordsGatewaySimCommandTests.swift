import Foundation
import KioskCore
import KioskTestSupport
import Records
import RecordsGateway
import Simulators
import Testing
import UploadContract

#if canImport(Glibc)
import Glibc
#endif

@Suite("onetrip sim records-gateway")
struct RecordsGatewaySimCommandTests {
    @Test func theCommandServesSeedsAndTakesFaultSwitches() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-records-sim")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyPath = directory.appendingPathComponent("gateway.key").path
        let socket = directory.appendingPathComponent("control.sock").path
        let output = directory.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = try OneTripExecutable.url()
        process.arguments = [
            "sim", "records-gateway", "--port", "0", "--seeds", Fixtures.repositoryRoot.appendingPathComponent("seeds").path, "--key", keyPath,
            "--control", socket,
        ]
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        func printed() -> String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        let deadline = ContinuousClock.now + .seconds(30)
        while !printed().contains("control socket"), process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let text = printed()
        let match = try #require(text.firstMatch(of: /records gateway on http:\/\/127\.0\.0\.1:(\d+)\//), "\(text)")
        let port = try #require(Int(match.1))

        // The key file was created, readable by its owner only.
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let key = try KioskKey(contentsOfFile: keyPath)

        #expect(try await SimulatorControlClient.send("fail 503 1", to: socket) == "ok fail 503 (1 more)")
        let configuration = RecordsGatewayConfiguration(
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, kioskID: "HS-0009", key: key, retries: 1, backoff: RetryBackoff(initial: .milliseconds(10)))
        let client = try HTTPRecordsGateway(configuration: configuration, logger: CapturedLog().logger("test"))
        let book = try Fixtures.recordBook(for: "alpha")
        let records = try await client.records(from: .socialInsurance, for: book.documentNumber)
        try await client.shutdown()
        #expect(records == book.records(from: .socialInsurance))
        let requests = try await SimulatorControlClient.send("requests", to: socket)
        #expect(requests.hasPrefix("ok 2 requests"), "\(requests)")
        #expect(requests.contains("HS-0009 socialInsurance 503 fail 503") && requests.contains("HS-0009 socialInsurance 200 found"), "\(requests)")
        #expect(try await SimulatorControlClient.send("status", to: socket) == "ok no faults; 2 records requests served")
        #expect(try await SimulatorControlClient.send("fly", to: socket).hasPrefix("error unknown command"))
        #expect(!printed().contains(book.documentNumber.unmaskedValue), "the gateway's log holds no document number")

        kill(process.processIdentifier, SIGTERM)
        let exitDeadline = ContinuousClock.now + .seconds(20)
        while process.isRunning, ContinuousClock.now < exitDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning, "SIGTERM stops the gateway")
        if !process.isRunning {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(!FileManager.default.fileExists(atPath: socket), "the control socket is removed")
        }
    }
}

/// The `onetrip` executable built next to the test bundle.
enum OneTripExecutable {
    static func url() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("onetrip"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("onetrip"))
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug/onetrip"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("the onetrip executable is not built (looked at \(candidates.map(\.path).joined(separator: ", "))); run swift build first")
        }
        return found
    }
}
