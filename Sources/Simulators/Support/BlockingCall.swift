import Foundation

/// Runs blocking work (waiting for a child process, a `usleep` poll loop) on a thread of its
/// own and awaits the result, so it never parks one of the few threads of Swift's cooperative
/// pool. On a two-core kiosk PC the pool has two threads; two tests blocking them would stall
/// every other task in the process.
public func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.name = "onetrip-blocking"
        thread.start()
    }
}
