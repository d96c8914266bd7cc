import COneTripSerial
import DeviceKit
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP listening socket for simulators of network devices (a receipt printer's port 9100).
/// Each accepted connection is handed over as a ``FileDescriptorStream``.
///
/// Bind to port 0 to get a free port (tests run in parallel); ``port`` says which.
public final class TCPListener: Sendable {
    /// Receives each accepted connection and the peer's address.
    public typealias Acceptor = @Sendable (FileDescriptorStream, String) -> Void

    /// The bound address.
    public let host: String
    /// The bound port (the kernel's choice when 0 was asked for).
    public let port: Int
    private let listener: Int32
    private let isStopped = Mutex(false)

    /// Binds, listens and starts accepting on a dedicated thread.
    /// - Throws: ``TransportError/openFailed(path:errno:)`` when the address cannot be bound.
    public init(host: String = "127.0.0.1", port: Int, accept: @escaping Acceptor) throws(TransportError) {
        let endpoint = "\(host):\(port)"
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw .openFailed(path: endpoint, errno: EINVAL) }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .ioError(name: endpoint, operation: "socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 16) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .openFailed(path: endpoint, errno: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.host = host
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.listener = descriptor
        let thread = Thread { [self] in self.acceptLoop(accept) }
        thread.name = "onetrip-sim-tcp \(self.port)"
        thread.start()
    }

    /// Stops accepting (open connections stay open).
    public func stop() {
        let already = self.isStopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !already else { return }
        shutdown(self.listener, Int32(SHUT_RDWR))
        Glibc.close(self.listener)
    }

    deinit { self.stop() }

    private func acceptLoop(_ accept: Acceptor) {
        while !self.isStopped.withLock({ $0 }) {
            var peer = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let connection = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(self.listener, $0, &length) }
            }
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            var one: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var text = [CChar](repeating: 0, count: 64)
            inet_ntop(AF_INET, &peer.sin_addr, &text, socklen_t(text.count))
            let name = "\(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)):\(UInt16(bigEndian: peer.sin_port))"
            guard let stream = try? FileDescriptorStream(takingOwnershipOf: connection, name: name) else {
                Glibc.close(connection)
                continue
            }
            accept(stream, name)
        }
    }
}
