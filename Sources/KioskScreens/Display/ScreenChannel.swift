import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// The screen process's end of the screen socket: a non-blocking Unix-domain stream socket
/// carrying ``ScreenUpdate`` lines in and ``ScreenInput`` lines out. Not Sendable: the display
/// loop owns it.
final class ScreenChannel {
    /// The socket.
    let descriptor: Int32
    private var framer = JSONLineFramer()
    private var isClosed = false

    /// What one read brought.
    struct Received {
        /// Updates decoded, in order.
        var updates: [ScreenUpdate] = []
        /// Lines that could not be used (logged for the technician, then skipped).
        var errors: [JSONLineError] = []
        /// The daemon closed the connection (or it broke).
        var isClosed = false
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Connects to the daemon's screen socket.
    static func connect(path: String) throws(KioskDisplayError) -> ScreenChannel {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw .socketPathTooLong(path) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8) + [0])
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .connectFailed(path: path, errno: errno) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .connectFailed(path: path, errno: code)
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        return ScreenChannel(descriptor: descriptor)
    }

    deinit { self.close() }

    /// Reads whatever is available without blocking.
    func receive() -> Received {
        var received = Received()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                self.framer.append(buffer[0..<count])
                continue
            }
            if count == 0 {
                received.isClosed = true
            } else if errno == EINTR {
                continue
            } else if errno != EAGAIN && errno != EWOULDBLOCK {
                received.isClosed = true
            }
            break
        }
        while true {
            do {
                guard let line = try self.framer.nextLine() else { break }
                received.updates.append(try JSONLineFramer.decode(ScreenUpdate.self, from: line))
            } catch {
                received.errors.append(error)
            }
        }
        return received
    }

    /// Sends one input; false when the connection is gone.
    func send(_ input: ScreenInput) -> Bool {
        guard let line = try? JSONLineFramer.encode(input) else { return true }
        var offset = 0
        while offset < line.count {
            let sent = line[offset...].withUnsafeBytes { Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Closes the socket.
    func close() {
        guard !self.isClosed else { return }
        self.isClosed = true
        Glibc.close(self.descriptor)
    }
}
