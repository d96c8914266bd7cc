import Foundation

/// Runs the built `onetrip` binary to the end.
enum OneTripTool {
    /// What a run printed and how it ended.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
        /// Everything printed, for "never printed" checks.
        var everything: String { self.output + "\n" + self.errors }
    }

    /// The `onetrip` executable built next to this test bundle.
    static var binary: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("onetrip").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("onetrip")
    }

    /// Runs `onetrip arguments…`, optionally feeding stdin, and waits for it to exit.
    static func run(_ arguments: [String], input: String? = nil, prefix: [String] = [], timeout: Duration = .seconds(60)) async throws -> Outcome {
        let child = try ChildProcess(prefix.first ?? binary.path, prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [binary.path] + arguments)
        defer { child.stop() }
        if let input { try child.send(input) }
        child.closeInput()
        let status = try await child.finish(timeout: timeout)
        return Outcome(status: status, output: child.standardOutput, errors: child.standardError)
    }

    /// Starts `onetrip arguments…` and returns at once (for `--follow`).
    static func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(binary.path, arguments)
    }
}
