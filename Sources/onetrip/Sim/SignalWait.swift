import Dispatch
import Foundation

/// Waits until the process gets SIGINT or SIGTERM, so a simulator can clean up (remove its
/// symlink and socket) before it exits.
enum SignalWait {
    /// Suspends until SIGINT or SIGTERM arrives.
    static func untilInterrupted() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "onetrip-signals")
            var sources: [DispatchSourceSignal] = []
            let resumed = ResumeOnce(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { resumed.resume() }
                source.resume()
                sources.append(source)
            }
            // The sources must live as long as the wait.
            resumed.keep(sources)
        }
    }

    private final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        private var sources: [DispatchSourceSignal] = []

        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

        func keep(_ sources: [DispatchSourceSignal]) {
            self.lock.withLock { self.sources = sources }
        }

        func resume() {
            let continuation = self.lock.withLock { () -> CheckedContinuation<Void, Never>? in
                defer { self.continuation = nil }
                return self.continuation
            }
            continuation?.resume()
        }
    }
}
