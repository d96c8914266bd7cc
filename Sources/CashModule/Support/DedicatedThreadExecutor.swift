import Foundation

/// A serial executor with a thread of its own, for an actor that must block: the cash drivers
/// write their ledgers synchronously (`synchronous=FULL`, an fsync per line) so that "record,
/// then send" holds within one actor turn. On its own thread that fsync never stalls Swift's
/// cooperative pool (two threads on a kiosk PC), in the spirit of DeviceKit's one reader thread
/// per device. The thread ends when the executor is released.
public final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [UnownedJob] = []
        var isStopped = false
        var executor: UnownedSerialExecutor?
    }

    private let queue = Queue()

    /// Starts the thread.
    public init(name: String) {
        self.queue.executor = UnownedSerialExecutor(ordinary: self)
        let queue = self.queue
        let thread = Thread {
            while true {
                queue.condition.lock()
                while queue.jobs.isEmpty, !queue.isStopped { queue.condition.wait() }
                if queue.jobs.isEmpty {
                    queue.condition.unlock()
                    return
                }
                let job = queue.jobs.removeFirst()
                let executor = queue.executor!
                queue.condition.unlock()
                job.runSynchronously(on: executor)
            }
        }
        thread.name = name
        thread.start()
    }

    deinit {
        self.queue.condition.lock()
        self.queue.isStopped = true
        self.queue.condition.signal()
        self.queue.condition.unlock()
    }

    /// Queues a job for the thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.queue.condition.lock()
        self.queue.jobs.append(job)
        self.queue.condition.signal()
        self.queue.condition.unlock()
    }

    /// The executor as an actor's `unownedExecutor`.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
