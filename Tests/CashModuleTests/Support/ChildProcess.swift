import Foundation
import KioskTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The `onetrip` executable built next to the test bundle.
enum OneTripBinary {
    static func url() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("onetrip"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("onetrip"))
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug/onetrip"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
        throw ChildProcessError.binaryMissing(candidates.map(\.path))
    }
}

/// A child process whose output goes to a file, so a test can read it while it runs and kill it.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    let outputURL: URL

    init(arguments: [String], outputURL: URL) throws {
        self.outputURL = outputURL
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        self.process.executableURL = try OneTripBinary.url()
        self.process.arguments = arguments
        self.process.standardOutput = output
        self.process.standardError = output
        try self.process.run()
    }

    /// What the process printed so far.
    var output: String { (try? String(contentsOf: self.outputURL, encoding: .utf8)) ?? "" }

    /// Kills the process with SIGKILL (no clean-up runs: like a crash or a power cut) and reaps it.
    func kill() {
        if self.process.isRunning { Glibc.kill(self.process.processIdentifier, SIGKILL) }
        self.process.waitUntilExit()
    }

    /// Waits for the process to exit by itself, killing it after `timeout`.
    /// - Returns: the exit status, or `nil` if it had to be killed.
    func wait(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while self.process.isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if self.process.isRunning {
            self.kill()
            return nil
        }
        return self.process.terminationStatus
    }

    /// Waits until the output contains `text`.
    func waitForOutput(_ text: String, timeout: Duration = .seconds(15)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if self.output.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return self.output.contains(text)
    }

    deinit { self.kill() }
}

enum ChildProcessError: Error, CustomStringConvertible {
    case binaryMissing([String])
    var description: String {
        switch self {
        case .binaryMissing(let paths): "the onetrip executable is not built (looked at \(paths.joined(separator: ", "))); run swift build first"
        }
    }
}
