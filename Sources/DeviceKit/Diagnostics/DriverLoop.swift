import Synchronization

/// A driver's run loop as its diagnostic checks see it.
///
/// The daemon's drivers run all the time, so the daemon hands its checks ``alreadyRunning``.
/// `onetrip diag` without a daemon opens the devices itself: its loop starts at the first check
/// that needs the driver (after the checks that only probe the device node) and is stopped when
/// the run ends.
///
/// ```swift
/// let loop = DriverLoop("ID card reader") { await reader.run() }
/// let checks = IDCardReaderDiagnostics(reader: reader, loop: loop).checks
/// …
/// await loop.stop()
/// ```
public final class DriverLoop: Sendable {
    private enum State {
        case idle
        case running(Task<Void, Never>)
        case stopped
    }

    /// What the loop runs (`nil`: someone else runs the driver).
    private let body: (@Sendable () async -> Void)?
    private let state = Mutex(State.idle)
    /// A name for logs and errors.
    public let name: String

    /// A loop that runs `body` (the driver's `run()`) once started.
    public init(_ name: String, run body: @escaping @Sendable () async -> Void) {
        self.name = name
        self.body = body
    }

    private init(alreadyRunning name: String) {
        self.name = name
        self.body = nil
    }

    /// A driver its owner runs (the daemon's): starting and stopping do nothing.
    public static func alreadyRunning(_ name: String = "driver") -> DriverLoop { DriverLoop(alreadyRunning: name) }

    /// Whether this handle runs the driver itself.
    public var isOwned: Bool { self.body != nil }

    /// Starts the loop unless it runs already (or was stopped: a stopped loop stays stopped).
    public func ensureRunning() {
        guard let body = self.body else { return }
        self.state.withLock { state in
            guard case .idle = state else { return }
            state = .running(Task { await body() })
        }
    }

    /// Whether the loop has been started and not stopped.
    public var isRunning: Bool {
        guard self.body != nil else { return true }
        return self.state.withLock { state in
            if case .running = state { return true }
            return false
        }
    }

    /// Cancels the loop and waits until the driver has closed its device.
    public func stop() async {
        let task = self.state.withLock { state -> Task<Void, Never>? in
            defer { state = .stopped }
            if case .running(let task) = state { return task }
            return nil
        }
        guard let task else { return }
        task.cancel()
        await task.value
    }
}
