import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KioskScreens
import KioskTestSupport

/// A real terminal for the screen process: a private tmux server (its own `-L` socket name, so
/// parallel test runs never meet) with one detached session of a fixed size, driven with
/// send-keys and read with capture-pane. The server is killed by ``kill()``.
final class TmuxTerminal: @unchecked Sendable {
    /// The tmux socket name (`tmux -L`).
    let socketName: String
    /// The session's name.
    let target = "kiosk"
    /// Where the configuration and command outputs go.
    let directory: URL

    /// Starts tmux running `command` (a shell command line) in a `size` window.
    init(command: String, size: TerminalSize, directory: URL) async throws {
        self.socketName = "onetrip-screens-\(UUID().uuidString.prefix(8))"
        self.directory = directory
        // No status line (the pane gets every row); the pane stays after its process exits so a
        // crash shows in the capture instead of silently ending the session.
        let configuration = directory.appendingPathComponent("tmux.conf")
        try "set -g status off\nset -g remain-on-exit on\nset -g history-limit 0\n".write(to: configuration, atomically: true, encoding: .utf8)
        try await self.run(["-f", configuration.path, "new-session", "-d", "-s", self.target, "-x", "\(size.columns)", "-y", "\(size.rows)", command])
    }

    /// Runs a tmux command against this server and returns its standard output. The wait for
    /// the tmux client happens on a thread of its own, never on the two-thread cooperative pool
    /// the other suites' async tests share.
    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try self.runBlocking(arguments) })
            }
            thread.start()
        }
    }

    /// Runs a tmux command and waits for it on the calling thread.
    @discardableResult
    func runBlocking(_ arguments: [String]) throws -> String {
        // Files, not pipes: the tmux server forked by new-session would hold a pipe open forever.
        let output = self.directory.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8)).out")
        let errors = output.appendingPathExtension("err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        let status = try Self.spawnAndWait("/usr/bin/tmux", ["-L", self.socketName] + arguments, output: output.path, errors: errors.path)
        guard status == 0 else {
            throw TmuxError(arguments: arguments, message: (try? String(contentsOf: errors, encoding: .utf8)) ?? "exit status \(status)")
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// Runs a program with its output in files and waits for it (posix_spawn and waitpid: the
    /// client that new-session forks the tmux server from must be reaped at once).
    static func spawnAndWait(_ path: String, _ arguments: [String], output: String, errors: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block most signals; tmux must not inherit that mask (it
        // would never see SIGCHLD, and kill-server would leave the screen process running).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TmuxError(arguments: arguments, message: "posix_spawn: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// The pane as text, one string per row (trailing spaces removed by tmux).
    func capture() async throws -> [String] {
        var rows = try await self.run(["capture-pane", "-p", "-t", self.target]).components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows.map { row in
            var row = row
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    /// The pane with its colour and attribute escape sequences.
    func captureWithAttributes() async throws -> String {
        try await self.run(["capture-pane", "-p", "-e", "-t", self.target])
    }

    /// Types keys by tmux key name (`1`, `Enter`, `Escape`, `*`).
    func sendKeys(_ keys: String...) async throws {
        try await self.run(["send-keys", "-t", self.target] + keys)
    }

    /// Writes raw bytes to the pane as if the terminal sent them (mouse reports).
    func sendBytes(_ bytes: [UInt8]) async throws {
        try await self.run(["send-keys", "-t", self.target, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// A touch (press then release) at a zero-based cell, as an xterm SGR mouse report.
    func tap(row: Int, column: Int) async throws {
        try await self.sendBytes(Array("\u{1B}[<0;\(column + 1);\(row + 1)M".utf8))
        try await self.sendBytes(Array("\u{1B}[<0;\(column + 1);\(row + 1)m".utf8))
    }

    /// Resizes the window (the process in it gets SIGWINCH).
    func resize(to size: TerminalSize) async throws {
        try await self.run(["resize-window", "-t", self.target, "-x", "\(size.columns)", "-y", "\(size.rows)"])
    }

    /// A pane format variable (`#{mouse_sgr_flag}`, `#{pane_dead}`, `#{pane_pid}`).
    func paneFormat(_ format: String) async throws -> String {
        try await self.run(["display-message", "-p", "-t", self.target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the tmux server and everything in it.
    func kill() {
        _ = try? self.runBlocking(["kill-server"])
    }
}

/// A tmux command failed.
struct TmuxError: Error, CustomStringConvertible {
    var arguments: [String]
    var message: String
    var description: String { "tmux \(self.arguments.joined(separator: " ")): \(self.message)" }
}
