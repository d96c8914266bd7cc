import Synchronization

/// Waiting inside checks: for a driver's status to settle, or for an event to arrive, with a
/// deadline. Every wait honours task cancellation (the runner cancels a check that overruns).
public enum DiagnosticWait {
    /// Asks `probe` every `interval` until it returns a value, `timeout` passes or the task is
    /// cancelled; returns the value, or `nil`.
    public static func until<T: Sendable>(
        timeout: Duration, every interval: Duration = .milliseconds(50), _ probe: () async -> T?
    ) async -> T? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let value = await probe() { return value }
            guard clock.now < deadline, !Task.isCancelled else { return nil }
            try? await Task.sleep(for: min(interval, deadline - clock.now))
        }
    }
}

/// The events a stream yields while a check watches, kept in order so the check can look for
/// one with a deadline. Call ``stop()`` when done (it ends the watching task).
///
/// ```swift
/// let events = RecordedEvents(reader.observeEvents())
/// defer { events.stop() }
/// let outcome = await events.first(within: .seconds(20)) { $0.isOutcome }
/// ```
public final class RecordedEvents<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts recording a stream.
    public init(_ stream: AsyncStream<Element>) {
        let task = Task { [weak self] in
            for await element in stream {
                guard let self else { return }
                self.items.withLock { $0.append(element) }
            }
        }
        self.task.withLock { $0 = task }
    }

    /// Everything recorded so far.
    public var all: [Element] { self.items.withLock { $0 } }

    /// How many events arrived so far.
    public var count: Int { self.items.withLock { $0.count } }

    /// The first event at or after `index` that `predicate` accepts, waiting up to `timeout`.
    public func first(after index: Int = 0, within timeout: Duration, where predicate: @Sendable (Element) -> Bool) async -> Element? {
        await DiagnosticWait.until(timeout: timeout, every: .milliseconds(20)) {
            self.items.withLock { items in
                index < items.count ? items[index...].first(where: predicate) : nil
            }
        }
    }

    /// Stops recording.
    public func stop() {
        self.task.withLock { $0?.cancel() }
    }

    deinit { self.task.withLock { $0?.cancel() } }
}
