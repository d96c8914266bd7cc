import COneTripSerial
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A listening Unix-domain stream socket whose accepted connections arrive as
/// ``FileDescriptorStream``s on an async stream. Accepting happens on a dedicated thread, so a
/// quiet socket costs nothing and never holds a concurrency thread.
public final class UnixSocketListener: Sendable {
    /// The socket path.
    public let path: String
    /// Accepted connections, until ``close()``.
    public let connections: AsyncStream<FileDescriptorStream>
    private let listener: Int32
    private let isClosed = Mutex(false)

    /// Binds `path` (replacing a stale socket file) with the given permissions.
    /// - Parameters:
    ///   - mode: the socket file's permission bits (0660: owner and group may connect).
    ///   - group: a group to give the socket to (`onetrip`), if it exists.
    /// - Throws: ``TransportError`` when the socket cannot be bound.
    public init(path: String, mode: mode_t = 0o660, group: String? = nil) throws(TransportError) {
        try? FileManager.default.removeItem(atPath: path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .ioError(name: path, operation: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Glibc.close(descriptor)
            throw .openFailed(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 16) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .openFailed(path: path, errno: code)
        }
        chmod(path, mode)
        if let group, let entry = getgrnam(group) { chown(path, getuid(), entry.pointee.gr_gid) }
        self.path = path
        self.listener = descriptor
        let (stream, continuation) = AsyncStream.makeStream(of: FileDescriptorStream.self)
        self.connections = stream
        let thread = Thread { [self, listener = descriptor] in
            while !self.isClosed.withLock({ $0 }) {
                let connection = accept(listener, nil, nil)
                if connection < 0 {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    break
                }
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                if let stream = try? FileDescriptorStream(takingOwnershipOf: connection, name: "\(path) connection") {
                    continuation.yield(stream)
                } else {
                    Glibc.close(connection)
                }
            }
            continuation.finish()
        }
        thread.name = "onetrip-accept"
        thread.start()
    }

    /// Stops accepting and removes the socket file.
    public func close() {
        let already = self.isClosed.withLock { closed -> Bool in
            defer { closed = true }
            return closed
        }
        guard !already else { return }
        shutdown(self.listener, Int32(SHUT_RDWR))
        Glibc.close(self.listener)
        try? FileManager.default.removeItem(atPath: self.path)
    }

    deinit { self.close() }
}
