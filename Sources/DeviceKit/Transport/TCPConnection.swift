import COneTripSerial

#if canImport(Glibc)
import Glibc
#endif

/// Opens TCP connections to network devices (ESC/POS printers on port 9100, serial-to-TCP
/// bridges), with a connect timeout so an unplugged printer fails fast instead of hanging.
public enum TCPConnection {
    /// Connects to `host:port`.
    /// - Parameter timeout: how long the TCP handshake may take.
    /// - Throws: ``TransportError/connectFailed(endpoint:reason:)``.
    public static func connect(host: String, port: Int, timeout: Duration) async throws(TransportError) -> FileDescriptorStream {
        let endpoint = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .connectFailed(endpoint: endpoint, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var lastReason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while let info = entry {
            entry = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), info.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastReason = TransportError.describe(errno)
                continue
            }
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                return try FileDescriptorStream(takingOwnershipOf: descriptor, name: endpoint)
            }
            guard errno == EINPROGRESS else {
                lastReason = TransportError.describe(errno)
                Glibc.close(descriptor)
                continue
            }
            // Wait for the handshake without blocking a concurrency thread.
            var connected = false
            while clock.now < deadline {
                let ready = onetrip_poll_writable(descriptor, 0)
                if ready != 0 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
                    if error == 0 {
                        connected = true
                    } else {
                        lastReason = TransportError.describe(error)
                    }
                    break
                }
                do {
                    try await Task.sleep(for: .milliseconds(2))
                } catch {
                    Glibc.close(descriptor)
                    throw .cancelled
                }
            }
            if connected { return try FileDescriptorStream(takingOwnershipOf: descriptor, name: endpoint) }
            if clock.now >= deadline { lastReason = "no answer within \(timeout)" }
            Glibc.close(descriptor)
        }
        throw .connectFailed(endpoint: endpoint, reason: lastReason)
    }
}
