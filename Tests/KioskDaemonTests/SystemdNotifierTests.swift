import Foundation
import KioskDaemon
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("systemd notify protocol")
struct SystemdNotifierTests {
    /// A real datagram socket standing in for systemd's notify socket.
    func listen(at path: String) -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    func receive(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    @Test func sendsReadyWatchdogAndStopping() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        let systemd = self.listen(at: path)
        defer {
            close(systemd)
            unlink(path)
        }
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "20000000"]))
        #expect(notifier.watchdogInterval == .seconds(10))
        try notifier.ready(status: "serving citizens")
        #expect(self.receive(systemd) == "READY=1\nSTATUS=serving citizens")
        try notifier.watchdogPing()
        #expect(self.receive(systemd) == "WATCHDOG=1")
        try notifier.stopping(status: "finishing the current visit")
        #expect(self.receive(systemd) == "STOPPING=1\nSTATUS=finishing the current visit")
    }

    @Test func noSocketMeansNotUnderSystemd() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/x", "WATCHDOG_USEC": "1000", "WATCHDOG_PID": "1"])?.watchdogInterval == nil)
    }

    @Test func aMissingSocketIsAnError() {
        let notifier = SystemdNotifier(socketPath: "/nonexistent/notify", watchdogInterval: nil)
        #expect(throws: SystemdNotifyError.self) { try notifier.watchdogPing() }
    }
}
