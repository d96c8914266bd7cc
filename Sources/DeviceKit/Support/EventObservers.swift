import Foundation
import Synchronization

/// Copies of a driver's events for whoever watches besides the driver's one owner: diagnostics
/// waiting for a card or a note while the daemon's session consumes the driver's own stream, or
/// a technician's console.
///
/// ```swift
/// let observers = EventObservers<CardReaderEvent>()
/// let stream = observers.subscribe()       // a watcher
/// observers.yield(.cardPresented)          // the driver, for every event
/// ```
///
/// Each subscriber gets its own stream (the newest events are kept when it falls behind); a
/// stream ends when its consumer stops iterating or the observers ``finish()``.
public final class EventObservers<Element: Sendable>: Sendable {
    private struct State {
        var continuations: [UUID: AsyncStream<Element>.Continuation] = [:]
        var isFinished = false
    }

    private let state = Mutex(State())

    /// Creates an empty set of observers.
    public init() {}

    /// A new stream of every event from now on.
    /// - Parameter bufferingNewest: how many unread events the stream keeps.
    public func subscribe(bufferingNewest: Int = 64) -> AsyncStream<Element> {
        let (stream, continuation) = AsyncStream.makeStream(of: Element.self, bufferingPolicy: .bufferingNewest(bufferingNewest))
        let id = UUID()
        let isOpen = self.state.withLock { state -> Bool in
            guard !state.isFinished else { return false }
            state.continuations[id] = continuation
            return true
        }
        guard isOpen else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Hands an event to every subscriber.
    public func yield(_ element: Element) {
        for continuation in self.state.withLock({ Array($0.continuations.values) }) { continuation.yield(element) }
    }

    /// How many streams are open.
    public var count: Int { self.state.withLock { $0.continuations.count } }

    /// Ends every stream; later subscribers get an ended stream.
    public func finish() {
        let open = self.state.withLock { state in
            state.isFinished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in open { continuation.finish() }
    }
}
