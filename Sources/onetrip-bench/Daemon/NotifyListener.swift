import Foundation
import Simulators

#if canImport(Glibc)
import Glibc
#endif

/// systemd's side of the notify protocol (sd_notify(3)): a datagram socket that the daemon
/// started with `NOTIFY_SOCKET` sends `READY=1` to, so a cold start is timed to the moment the
/// daemon itself says it serves, exactly as systemd would see it.
final class NotifyListener: Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw BenchKioskError("cannot bind the notify socket \(path): errno \(errno)") }
        self.path = path
        self.descriptor = descriptor
    }

    /// Waits for a datagram holding `READY=1`; `false` after `timeout`.
    func waitForReady(timeout: Duration) async throws -> Bool {
        let descriptor = self.descriptor
        let milliseconds = Int32(timeout.components.seconds * 1000)
        return try await offloaded {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while poll(&entry, 1, milliseconds) > 0 {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { return false }
                if String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").contains("READY=1") { return true }
            }
            return false
        }
    }

    func close() {
        Glibc.close(self.descriptor)
        unlink(self.path)
    }
}
