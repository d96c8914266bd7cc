import DeviceKit
import Foundation
import Synchronization

/// A child process whose output a test follows, for tests that run the real `onetrip` binary
/// (directly, under umockdev or as another user): its stdout read line by line with deadlines,
/// stderr collected, stdin writable, killed when done.
public final class ObservedProcess: Sendable {
    public let process: Process
    private let stdoutStream: FileDescriptorStream
    private let stderrStream: FileDescriptorStream
    private let stdinHandle: FileHandle
    private let state = Mutex(State())

    private struct State {
        var pending = ""
        var lines: [String] = []
        var unread: [String] = []
        var stderr = ""
    }

    /// Starts a program.
    public init(_ executable: String, _ arguments: [String], directory: URL? = nil) throws {
        // A child that died must make a write to its stdin fail (EPIPE), not kill the test run.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        self.process = process
        // Duplicates, so the streams own their descriptors and Foundation keeps its own.
        self.stdoutStream = try FileDescriptorStream(takingOwnershipOf: dup(output.fileHandleForReading.fileDescriptor), name: "child stdout")
        self.stderrStream = try FileDescriptorStream(takingOwnershipOf: dup(errors.fileHandleForReading.fileDescriptor), name: "child stderr")
        try output.fileHandleForReading.close()
        try errors.fileHandleForReading.close()
        self.stdinHandle = input.fileHandleForWriting
    }

    /// Every stdout line so far.
    public var lines: [String] { self.state.withLock { $0.lines } }

    /// Everything on stderr so far (read by ``finish(timeout:)``, or ``drainStandardError()``).
    public var standardError: String { self.state.withLock { $0.stderr } }

    /// Closes the child's stdin (end of input).
    public func closeInput() {
        try? self.stdinHandle.close()
    }

    /// Writes a line to the child's stdin.
    public func send(_ line: String) throws {
        try self.stdinHandle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The first stdout line not yet returned that satisfies `predicate` (lines that do not
    /// satisfy it stay for later calls).
    /// - Throws: when the deadline passes or stdout ends first, with everything seen so far.
    public func nextLine(timeout: Duration = .seconds(20), where predicate: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let found = self.state.withLock({ state -> String? in
                guard let index = state.unread.firstIndex(where: predicate) else { return nil }
                return state.unread.remove(at: index)
            }) {
                return found
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                let errors = (try? await self.stderrStream.read(timeout: .milliseconds(200))).map { String(decoding: $0, as: UTF8.self) } ?? ""
                throw ObservedProcessError(
                    message: "no matching line within \(timeout); stdout so far:\n\(self.lines.joined(separator: "\n"))\nstderr:\n\(errors)")
            }
            do {
                let bytes = try await self.stdoutStream.read(timeout: remaining)
                self.state.withLock { state in
                    state.pending += String(decoding: bytes, as: UTF8.self)
                    while let newline = state.pending.firstIndex(of: "\n") {
                        let line = String(state.pending[..<newline])
                        state.lines.append(line)
                        state.unread.append(line)
                        state.pending.removeSubrange(...newline)
                    }
                }
            } catch {
                if case .timeout = error { continue }
                throw ObservedProcessError(message: "stdout ended (\(error)); stdout so far:\n\(self.lines.joined(separator: "\n"))")
            }
        }
    }

    /// Reads stdout and stderr to the end and waits for the exit status.
    public func finish(timeout: Duration = .seconds(60)) async throws -> Int32 {
        async let output = Self.drain(self.stdoutStream, timeout: timeout)
        async let errors = Self.drain(self.stderrStream, timeout: timeout)
        let (outText, errorText) = try await (output, errors)
        self.state.withLock { state in
            state.pending += outText
            state.lines += state.pending.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
            state.pending = ""
            state.stderr += errorText
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while self.process.isRunning, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !self.process.isRunning else { throw ObservedProcessError(message: "the child did not exit") }
        return self.process.terminationStatus
    }

    /// All of stdout, after ``finish(timeout:)``.
    public var standardOutput: String { self.lines.joined(separator: "\n") }

    private static func drain(_ stream: FileDescriptorStream, timeout: Duration) async throws -> String {
        var data: [UInt8] = []
        while true {
            do {
                data += try await stream.read(timeout: timeout)
            } catch {
                guard error.isDeviceGone else { throw error }
                return String(decoding: data, as: UTF8.self)
            }
        }
    }

    /// Stops the child (SIGTERM, then SIGKILL after five seconds) and closes the pipes. Returns at
    /// once: the waiting happens on a thread of its own, never on a Swift concurrency thread that
    /// other tests' timers need.
    public func stop() {
        if self.process.isRunning {
            self.process.terminate()
            let process = self.process
            let reaper = Thread {
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning, Date() < deadline { usleep(10_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            reaper.name = "test-child-reaper"
            reaper.start()
        }
        try? self.stdinHandle.close()
        self.stdoutStream.close()
        self.stderrStream.close()
    }
}

public struct ObservedProcessError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates the error.
    public init(message: String) { self.message = message }
    public var description: String { self.message }
}
