import COneTripSerial
import DeviceKit
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A line-based control channel for a running simulator, on a Unix-domain socket: the demo,
/// tests and technicians send commands such as `place alpha`, `paper out` or `unplug`, and get
/// one reply line back (`ok …` or `error …`).
///
/// ```sh
/// onetrip sim idcard --control /run/onetrip/sim-idcard.sock &
/// onetrip sim card place alpha        # connects to that socket and sends "place alpha"
/// ```
public final class SimulatorControlServer: Sendable {
    /// Answers one command line with one reply line.
    public typealias Handler = @Sendable (String) async -> String

    /// The socket path.
    public let path: String
    private let listener: Int32
    private let handler: Handler
    private let isStopped = Mutex(false)

    /// Binds the socket (replacing a stale one) and starts accepting connections.
    /// - Throws: ``TransportError`` when the socket cannot be created.
    public init(path: String, handler: @escaping Handler) throws(TransportError) {
        try? FileManager.default.removeItem(atPath: path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .ioError(name: path, operation: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            Glibc.close(descriptor)
            throw .openFailed(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 8) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .openFailed(path: path, errno: code)
        }
        self.path = path
        self.listener = descriptor
        self.handler = handler
        let thread = Thread { [self] in self.acceptLoop() }
        thread.name = "onetrip-sim-control"
        thread.start()
    }

    /// Stops accepting and removes the socket.
    public func stop() {
        let already = self.isStopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !already else { return }
        shutdown(self.listener, Int32(SHUT_RDWR))
        Glibc.close(self.listener)
        try? FileManager.default.removeItem(atPath: self.path)
    }

    deinit { self.stop() }

    private func acceptLoop() {
        while !self.isStopped.withLock({ $0 }) {
            let connection = accept(self.listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            guard let stream = try? FileDescriptorStream(takingOwnershipOf: connection, name: "control connection") else {
                Glibc.close(connection)
                continue
            }
            let handler = self.handler
            Task {
                await Self.serve(stream, handler: handler)
            }
        }
    }

    private static func serve(_ stream: FileDescriptorStream, handler: Handler) async {
        defer { stream.close() }
        var pending: [UInt8] = []
        while true {
            guard let bytes = try? await stream.read(maximumCount: 4096, timeout: .seconds(300)) else { return }
            pending += bytes
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                pending.removeSubrange(...newline)
                guard !line.isEmpty else { continue }
                let reply = await handler(line)
                do {
                    try await stream.write(Array((reply + "\n").utf8), timeout: .seconds(5))
                } catch {
                    return
                }
            }
        }
    }
}

/// Sends one command to a ``SimulatorControlServer`` and returns its reply line.
public enum SimulatorControlClient {
    /// Connects, sends `command`, waits for the reply.
    /// - Throws: ``TransportError`` when no simulator listens at `path` or it does not answer.
    public static func send(_ command: String, to path: String, timeout: Duration = .seconds(5)) async throws(TransportError) -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .ioError(name: path, operation: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8.prefix(buffer.count - 1)) + [0])
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .connectFailed(endpoint: path, reason: "\(TransportError.describe(code)) (is the simulator running with --control \(path)?)")
        }
        let stream = try FileDescriptorStream(takingOwnershipOf: descriptor, name: path)
        defer { stream.close() }
        try await stream.write(Array((command + "\n").utf8), timeout: timeout)
        var reply: [UInt8] = []
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !reply.contains(0x0A) {
            let left = deadline - clock.now
            guard left > .zero else { throw .timeout(name: path, after: timeout) }
            reply += try await stream.read(maximumCount: 4096, timeout: left)
        }
        return String(decoding: reply[..<reply.firstIndex(of: 0x0A)!], as: UTF8.self)
    }
}
