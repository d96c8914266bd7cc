import Foundation

/// Runs a command-line tool (`lpadmin`, `qpdf`, `zbarimg`…) to completion and captures its
/// output: the test rig and tests drive the real CUPS and poppler tools this way.
public struct CommandLineTool: Sendable {
    /// What a finished run produced.
    public struct Result: Sendable {
        /// The exit status (or the signal number for a killed process).
        public var status: Int32
        /// Standard output.
        public var output: Data
        /// Standard error, as text.
        public var errors: String

        /// Standard output as UTF-8 text.
        public var text: String { String(decoding: self.output, as: UTF8.self) }
    }

    /// A failed run, with what a developer needs to see why.
    public struct Failure: Error, CustomStringConvertible {
        /// The command line.
        public var command: String
        /// The result.
        public var result: Result

        public var description: String {
            "`\(self.command)` exited with \(self.result.status): \(self.result.errors)\(self.result.text)"
        }
    }

    /// Finds a tool on `PATH` (and in `/usr/sbin`, where `cupsd` and `lpadmin` live).
    public static func locate(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `name` with `arguments` and waits for it.
    /// - Parameters:
    ///   - environment: variables added to this process's environment.
    ///   - input: bytes written to its standard input.
    /// - Throws: ``Failure`` when the tool is missing or exits non-zero (unless `check` is false).
    @discardableResult
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil, check: Bool = true
    ) throws -> Result {
        guard let executable = self.locate(name) else {
            throw Failure(command: name, result: Result(status: 127, output: Data(), errors: "\(name) not found; run scripts/install-system-packages"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : standardInput
        try process.run()
        if let input {
            standardInput.fileHandleForWriting.write(input)
            try? standardInput.fileHandleForWriting.close()
        }
        // Read both pipes to the end before waiting, so a chatty tool never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let result = Result(status: process.terminationStatus, output: outputData, errors: String(decoding: errorData, as: UTF8.self))
        if check, result.status != 0 {
            throw Failure(command: ([name] + arguments).joined(separator: " "), result: result)
        }
        return result
    }

    /// Runs a tool from async code without blocking the cooperative pool (see ``offloaded(_:)``).
    @discardableResult
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil, check: Bool = true
    ) async throws -> Result {
        try await offloaded { try Self.runBlocking(name, arguments, environment: environment, input: input, check: check) }
    }

    private static func runBlocking(
        _ name: String, _ arguments: [String], environment: [String: String], input: Data?, check: Bool
    ) throws -> Result {
        try Self.run(name, arguments, environment: environment, input: input, check: check)
    }
}
