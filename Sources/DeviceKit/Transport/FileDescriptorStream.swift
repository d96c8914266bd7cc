import COneTripSerial
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking file descriptor (tty, PTY master, USB printer node, socket) turned into an
/// async byte stream, without ever blocking a Swift concurrency thread.
///
/// A dedicated reader thread sleeps in `poll(2)` until bytes arrive and hands them to whoever
/// awaits ``read(maximumCount:timeout:)``; bytes that arrive with nobody waiting are buffered.
/// Writes are non-blocking and wait asynchronously while the kernel buffer is full. A hang-up,
/// `EIO`/`ENXIO` or end-of-file marks the stream gone, and every later call throws
/// ``TransportError/gone(name:reason:)``: an unplugged device is an error, not a crash.
public final class FileDescriptorStream: ByteTransport {
    /// The name used in error messages.
    public let name: String
    private let descriptor: Int32
    private let wakeWrite: Int32
    private let state: Mutex<State>
    /// Whether the descriptor is a socket: writes then use `send(MSG_NOSIGNAL)`, so a peer that
    /// closed the connection is an `EPIPE` error instead of a `SIGPIPE` that kills the process.
    private let isSocket: Bool
    /// Input kept while nobody reads, at most this many bytes (older input is dropped beyond it).
    public static let bufferLimit = 4 << 20

    private struct Waiter {
        var id: UInt64
        var maximumCount: Int
        var continuation: CheckedContinuation<Result<[UInt8], TransportError>, Never>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var buffer: [UInt8] = []
        var waiter: Waiter?
        var failure: TransportError?
        var nextWaiterID: UInt64 = 0
        var isClosed = false
    }

    /// Takes ownership of a descriptor (it is made non-blocking and closed by ``close()``).
    /// - Parameters:
    ///   - descriptor: an open descriptor.
    ///   - name: the name for messages.
    public init(takingOwnershipOf descriptor: Int32, name: String) throws(TransportError) {
        var pipeEnds: [Int32] = [0, 0]
        guard onetrip_pipe(&pipeEnds) == 0 else {
            throw .ioError(name: name, operation: "pipe2", errno: errno)
        }
        _ = onetrip_set_nonblocking(descriptor)
        var information = stat()
        self.isSocket = fstat(descriptor, &information) == 0 && information.st_mode & S_IFMT == S_IFSOCK
        self.descriptor = descriptor
        self.name = name
        self.wakeWrite = pipeEnds[1]
        self.state = Mutex(State())
        let wakeRead = pipeEnds[0]
        let thread = Thread { [self] in self.readLoop(wakeRead: wakeRead) }
        thread.name = "onetrip-io \(name)"
        thread.start()
    }

    deinit {
        // The reader thread holds a strong reference until it exits, so deinit runs after close().
    }

    /// The descriptor, for ioctls by the owner (tcflush, TIOCEXCL). Do not read or close it.
    public var fileDescriptor: Int32 { self.descriptor }

    /// Whether the device went away or the stream was closed.
    public var isOpen: Bool {
        self.state.withLock { $0.failure == nil && !$0.isClosed }
    }

    // MARK: Reading

    public func read(maximumCount: Int = .max, timeout: Duration) async throws(TransportError) -> [UInt8] {
        precondition(maximumCount > 0, "read at least one byte")
        let result: Result<[UInt8], TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                self.state.withLock { state in
                    if !state.buffer.isEmpty {
                        continuation.resume(returning: .success(Self.take(&state.buffer, maximumCount)))
                        return
                    }
                    if state.isClosed {
                        continuation.resume(returning: .failure(.closed(name: self.name)))
                        return
                    }
                    if let failure = state.failure {
                        continuation.resume(returning: .failure(failure))
                        return
                    }
                    if let previous = state.waiter {
                        // One reader at a time: a second reader means a driver bug; fail the older one.
                        previous.timer?.cancel()
                        previous.continuation.resume(returning: .failure(.cancelled))
                    }
                    state.nextWaiterID += 1
                    let id = state.nextWaiterID
                    let timer = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        guard !Task.isCancelled, let self else { return }
                        self.finishWaiter(id: id, with: .failure(.timeout(name: self.name, after: timeout)))
                    }
                    state.waiter = Waiter(id: id, maximumCount: maximumCount, continuation: continuation, timer: timer)
                }
            }
        } onCancel: {
            self.cancelWaiter()
        }
        return try result.get()
    }

    public func discardInput() {
        self.state.withLock { $0.buffer.removeAll(keepingCapacity: true) }
    }

    private static func take(_ buffer: inout [UInt8], _ count: Int) -> [UInt8] {
        if buffer.count <= count {
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        let head = Array(buffer[..<count])
        buffer.removeFirst(count)
        return head
    }

    private func finishWaiter(id: UInt64, with result: Result<[UInt8], TransportError>) {
        self.state.withLock { state in
            guard let waiter = state.waiter, waiter.id == id else { return }
            state.waiter = nil
            waiter.continuation.resume(returning: result)
        }
    }

    private func cancelWaiter() {
        self.state.withLock { state in
            guard let waiter = state.waiter else { return }
            state.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: .failure(.cancelled))
        }
    }

    private func deliver(_ bytes: [UInt8]) {
        self.state.withLock { state in
            state.buffer += bytes
            if state.buffer.count > Self.bufferLimit {
                state.buffer.removeFirst(state.buffer.count - Self.bufferLimit)
            }
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.timer?.cancel()
                waiter.continuation.resume(returning: .success(Self.take(&state.buffer, waiter.maximumCount)))
            }
        }
    }

    private func fail(_ error: TransportError) {
        self.state.withLock { state in
            if state.failure == nil { state.failure = error }
            if let waiter = state.waiter, state.buffer.isEmpty {
                state.waiter = nil
                waiter.timer?.cancel()
                waiter.continuation.resume(returning: .failure(error))
            }
        }
    }

    private func readLoop(wakeRead: Int32) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var fds = [
            pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        loop: while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                self.fail(.ioError(name: self.name, operation: "poll", errno: errno))
                break
            }
            if fds[1].revents != 0 { break }
            let events = Int32(fds[0].revents)
            if events & Int32(POLLIN) != 0 {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(self.descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    self.deliver(Array(chunk[0..<count]))
                    continue
                } else if count == 0 {
                    self.fail(.gone(name: self.name, reason: "end of file"))
                    break
                } else {
                    let code = errno
                    if code == EAGAIN || code == EINTR { continue }
                    self.fail(.gone(name: self.name, reason: TransportError.describe(code)))
                    break
                }
            }
            if events & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 {
                self.fail(.gone(name: self.name, reason: events & Int32(POLLHUP) != 0 ? "hang-up" : "device error"))
                break loop
            }
        }
        // Wait for close() before releasing the descriptor so its number cannot be reused under a
        // writer. close() writes its wake-up byte under the same lock that sets `isClosed`, so the
        // pipe's read end is never closed before that write (which would raise SIGPIPE).
        var wake = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        while self.state.withLock({ !$0.isClosed }) {
            _ = poll(&wake, 1, 1000)
        }
        Glibc.close(wakeRead)
        Glibc.close(self.descriptor)
    }

    // MARK: Writing

    public func write(_ bytes: [UInt8], timeout: Duration = .seconds(5)) async throws(TransportError) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var offset = 0
        while offset < bytes.count {
            if let failure = self.state.withLock({ $0.isClosed ? TransportError.closed(name: self.name) : $0.failure }) {
                throw failure
            }
            let written = bytes.withUnsafeBytes { buffer in
                self.isSocket
                    ? Glibc.send(self.descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                    : Glibc.write(self.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = errno
            if written < 0, code == EAGAIN || code == EINTR {
                guard clock.now < deadline else { throw .timeout(name: self.name, after: timeout) }
                do {
                    try await Task.sleep(for: .milliseconds(2))
                } catch {
                    throw .cancelled
                }
                continue
            }
            let error = TransportError.gone(name: self.name, reason: TransportError.describe(code))
            self.fail(error)
            throw error
        }
    }

    // MARK: Closing

    public func close() {
        let alreadyClosed = self.state.withLock { state -> Bool in
            if state.isClosed { return true }
            state.isClosed = true
            var byte: UInt8 = 1
            _ = Glibc.write(self.wakeWrite, &byte, 1)
            if let waiter = state.waiter {
                state.waiter = nil
                waiter.timer?.cancel()
                waiter.continuation.resume(returning: .failure(.closed(name: self.name)))
            }
            return false
        }
        guard !alreadyClosed else { return }
        Glibc.close(self.wakeWrite)
    }
}
