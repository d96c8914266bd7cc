import Foundation

/// A serial executor with its own thread, for the actor that owns a ``Database``.
///
/// SQLite's calls block: a durable commit waits for `fsync`, which takes milliseconds on a
/// quiet disk and far longer on a busy one. On Swift's cooperative pool (one thread per core,
/// two on a kiosk PC) every such wait would stall the whole daemon: screens, device drivers,
/// timers. An actor that owns a database therefore runs its jobs here, the way each device's
/// `FileDescriptorStream` reads on a thread of its own:
///
/// ```swift
/// actor Ledger {
///     nonisolated var unownedExecutor: UnownedSerialExecutor { DatabaseExecutor.shared.asUnownedSerialExecutor() }
/// }
/// ```
///
/// Several actors may share one executor: their jobs run one at a time on its thread, which
/// suits databases in one file (SQLite serialises their writes anyway). The thread lives as long
/// as the process; make executors once (static), not per object.
public final class DatabaseExecutor: SerialExecutor, @unchecked Sendable {
    /// The executor for the kiosk's database actors.
    public static let shared = DatabaseExecutor(name: "onetrip.sqlite")

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts an executor thread with a name (shown by `top -H` and debuggers).
    public init(name: String) {
        let thread = Thread { [self] in self.runJobs() }
        thread.name = name
        thread.start()
    }

    /// Queues a job for the thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.condition.lock()
        self.jobs.append(job)
        self.condition.signal()
        self.condition.unlock()
    }

    private func runJobs() {
        var batch: [UnownedJob] = []
        while true {
            self.condition.lock()
            while self.jobs.isEmpty { self.condition.wait() }
            swap(&batch, &self.jobs)
            self.condition.unlock()
            for job in batch { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

extension DatabaseExecutor {
    /// Runs blocking work (opening a database: integrity check, migrations) on the executor's
    /// thread and returns its result.
    public func run<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
        try await ExecutorBoundRunner(executor: self).run(body)
    }
}

/// An actor on a given executor, to hop there.
private actor ExecutorBoundRunner {
    let executor: DatabaseExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { self.executor.asUnownedSerialExecutor() }

    init(executor: DatabaseExecutor) { self.executor = executor }

    func run<T: Sendable>(_ body: @Sendable () throws -> T) throws -> T { try body() }
}
