import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Signals that matter to the display.
private let pendingSignals = Atomic<UInt32>(0)
/// The write end of the self-pipe, for the signal handler.
private let signalPipeWriteEnd = Atomic<Int32>(-1)

/// Turns SIGTERM/SIGINT/SIGHUP (stop) and SIGWINCH (resized) into a readable descriptor the
/// display's `poll(2)` waits on: the self-pipe trick. A signal may be delivered to any thread of
/// the process (the Swift runtime's main thread sleeps in `sigsuspend` while the display loop
/// runs elsewhere), so a flag alone would not wake the loop.
enum SignalPipe {
    /// What arrived since the last ``take()``.
    struct Signals {
        /// Stop was asked for.
        var stop = false
        /// The terminal was resized.
        var resize = false
    }

    private static let stopBit: UInt32 = 1
    private static let resizeBit: UInt32 = 2

    /// Creates the pipe and installs the handlers (before ncurses starts, so ncurses leaves
    /// SIGWINCH to us). Returns the read end.
    static func install() -> Int32? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        signalPipeWriteEnd.store(ends[1], ordering: .sequentiallyConsistent)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGWINCH] {
            signal(signalNumber) { number in
                pendingSignals.bitwiseOr(number == SIGWINCH ? 2 : 1, ordering: .sequentiallyConsistent)
                var byte: UInt8 = 1
                _ = write(signalPipeWriteEnd.load(ordering: .sequentiallyConsistent), &byte, 1)
            }
        }
        // A supervisor may start us with signals blocked (posix_spawn inherits the mask).
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGWINCH] { sigaddset(&set, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        return ends[0]
    }

    /// Drains the pipe and returns the signals that arrived.
    static func take(from descriptor: Int32) -> Signals {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &buffer, buffer.count) > 0 {}
        let bits = pendingSignals.exchange(0, ordering: .sequentiallyConsistent)
        return Signals(stop: bits & Self.stopBit != 0, resize: bits & Self.resizeBit != 0)
    }
}
