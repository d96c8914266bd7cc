import Foundation

/// One dedicated thread that owns the connection to cupsd and makes every libcups call.
///
/// libcups keeps the server, the user and the last error per thread, and an `http_t` must not
/// be shared between threads; Swift concurrency and GCD move work between threads
/// (cups-printing.md §1.1). So every call, and the read of its `cupsLastError`, runs in one
/// synchronous block on this thread, and async callers wait for the block's result. The
/// connection is opened on first use and reopened after cupsd went away (a restart gives
/// `1282 Host is down` until it is back).
final class CUPSWorker: @unchecked Sendable {
    /// The scheduler: a socket path or `host:port`.
    let server: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var blocks: [() -> Void] = []
    private var isStopped = false
    // Touched only on the worker thread.
    private var connection: CUPSConnection?

    /// Starts the thread.
    init(server: String) {
        self.server = server
        let thread = Thread { [self] in self.loop() }
        thread.name = "onetrip-cups"
        thread.start()
    }

    /// Runs `body` on the CUPS thread with the open connection.
    /// - Throws: what `body` throws, ``CUPSError/connectFailed(server:reason:)`` when cupsd
    ///   cannot be reached, ``CUPSError/workerStopped`` after ``stop()``.
    func perform<T: Sendable>(_ body: @escaping @Sendable (CUPSConnection) throws(CUPSError) -> T) async throws(CUPSError) -> T {
        let result: Result<T, CUPSError> = await withCheckedContinuation { continuation in
            let accepted = self.enqueue {
                continuation.resume(returning: self.run(body))
            }
            if !accepted { continuation.resume(returning: .failure(.workerStopped)) }
        }
        return try result.get()
    }

    /// Runs `body` on the CUPS thread without a scheduler connection (device probes).
    func performDetached<T: Sendable>(_ body: @escaping @Sendable () throws(CUPSError) -> T) async throws(CUPSError) -> T {
        let result: Result<T, CUPSError> = await withCheckedContinuation { continuation in
            let accepted = self.enqueue {
                do throws(CUPSError) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if !accepted { continuation.resume(returning: .failure(.workerStopped)) }
        }
        return try result.get()
    }

    /// Stops the thread after the blocks already queued; later calls fail with `.workerStopped`.
    func stop() {
        self.condition.lock()
        self.isStopped = true
        self.condition.signal()
        self.condition.unlock()
    }

    private func enqueue(_ block: @escaping () -> Void) -> Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        guard !self.isStopped else { return false }
        self.blocks.append(block)
        self.condition.signal()
        return true
    }

    private func run<T>(_ body: (CUPSConnection) throws(CUPSError) -> T) -> Result<T, CUPSError> {
        do throws(CUPSError) {
            let connection: CUPSConnection
            if let existing = self.connection {
                connection = existing
            } else {
                connection = try CUPSConnection(server: self.server)
                self.connection = connection
            }
            return .success(try body(connection))
        } catch {
            if error.needsReconnect { self.connection = nil }
            return .failure(error)
        }
    }

    private func loop() {
        while true {
            self.condition.lock()
            while self.blocks.isEmpty && !self.isStopped { self.condition.wait() }
            if self.blocks.isEmpty && self.isStopped {
                self.condition.unlock()
                self.connection = nil
                return
            }
            let block = self.blocks.removeFirst()
            self.condition.unlock()
            block()
        }
    }
}
