import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running helper process (cupsd, ippeveprinter, dbus-daemon) started with
/// `posix_spawn`, with an empty signal mask and default signal handlers.
///
/// `Foundation.Process` hands its children the parent's blocked-signal mask, and a test
/// runner's threads block `SIGTERM`; a daemon started that way ignores `SIGTERM` and cannot
/// shut down cleanly (cupsd then never saves its job state). So the rig spawns its own.
public final class ChildProcess: @unchecked Sendable {
    /// The process id.
    public let pid: pid_t
    private let lock = NSLock()
    private var isReaped = false

    /// Spawns `path` with `arguments`, the environment given, stdin from /dev/null and stdout
    /// and stderr appended to `logPath`.
    public init(path: String, arguments: [String], environment: [String: String], logPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

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

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw RigError.notReady("spawning \(path): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    /// Whether it still runs.
    public var isRunning: Bool {
        self.lock.withLock {
            guard !self.isReaped else { return false }
            var status: Int32 = 0
            let result = waitpid(self.pid, &status, WNOHANG)
            if result == self.pid || result < 0 { self.isReaped = true }
            return !self.isReaped
        }
    }

    /// Sends SIGTERM, waits up to `grace`, then SIGKILL; reaps the process.
    public func terminate(grace: TimeInterval = 8) {
        guard self.isRunning else { return }
        kill(self.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while self.isRunning, Date() < deadline { usleep(10_000) }
        if self.isRunning {
            kill(self.pid, SIGKILL)
            while self.isRunning { usleep(10_000) }
        }
    }

    /// Kills it at once (SIGKILL: a power cut, as far as the process can tell) and reaps it.
    public func killNow() {
        guard self.isRunning else { return }
        kill(self.pid, SIGKILL)
        while self.isRunning { usleep(5_000) }
    }

    /// ``terminate(grace:)`` without blocking the cooperative pool.
    public func stop(grace: TimeInterval = 8) async {
        _ = try? await offloaded { self.terminate(grace: grace) }
    }
}
