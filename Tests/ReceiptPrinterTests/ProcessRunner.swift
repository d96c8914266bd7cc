import Foundation

/// Runs helper programs (python, pip, zbarimg) for tests, with their output in a file, waiting
/// without blocking a concurrency thread (the machine may have only two).
enum ProcessRunner {
    /// Runs `executable` and returns its exit status and output; it is terminated after `timeout`.
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL, timeout: Duration, includeStandardError: Bool = true
    ) async throws -> (status: Int32, output: String) {
        let log = directory.appendingPathComponent("process-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = handle
        process.standardError = includeStandardError ? handle : FileHandle.nullDevice
        let (exited, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus) }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        var status: Int32 = -1
        for await code in exited {
            status = code
            break
        }
        watchdog.cancel()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        return (status, output)
    }
}
