import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd about the daemon's state over `$NOTIFY_SOCKET` (the `sd_notify` protocol,
/// written directly so no libsystemd is needed): `READY=1` when the kiosk can serve,
/// `WATCHDOG=1` pings, `STATUS=…` lines and `STOPPING=1` on shutdown.
///
/// With `Type=notify` and `WatchdogSec=` in the unit, systemd restarts a daemon that stops
/// pinging, so a hung process on an unattended kiosk comes back by itself.
public struct SystemdNotifier: Sendable {
    /// The socket path (`/run/systemd/notify`, or `@name` for the abstract namespace).
    public let socketPath: String
    /// How often to ping: half of `$WATCHDOG_USEC`, or `nil` when no watchdog is configured.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET` and `WATCHDOG_USEC` (honouring `WATCHDOG_PID`); `nil` when the
    /// daemon was not started by systemd with `Type=notify`.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
        self.socketPath = path
        var interval: Duration?
        if let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            let forUs = environment["WATCHDOG_PID"].flatMap { Int32($0) }.map { $0 == getpid() } ?? true
            if forUs { interval = .microseconds(microseconds / 2) }
        }
        self.watchdogInterval = interval
    }

    /// Creates a notifier for an explicit socket (tests).
    public init(socketPath: String, watchdogInterval: Duration?) {
        self.socketPath = socketPath
        self.watchdogInterval = watchdogInterval
    }

    /// `READY=1` with a status line.
    public func ready(status: String) throws(SystemdNotifyError) { try self.send("READY=1\nSTATUS=\(status)") }
    /// `WATCHDOG=1`.
    public func watchdogPing() throws(SystemdNotifyError) { try self.send("WATCHDOG=1") }
    /// `STATUS=…`.
    public func status(_ text: String) throws(SystemdNotifyError) { try self.send("STATUS=\(text)") }
    /// `STOPPING=1` with a status line.
    public func stopping(status: String) throws(SystemdNotifyError) { try self.send("STOPPING=1\nSTATUS=\(status)") }

    /// Sends one datagram.
    public func send(_ message: String) throws(SystemdNotifyError) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .socketFailed(errno: errno) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(self.socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { throw .pathTooLong(self.socketPath) }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), $0, length) }
        }
        guard sent == bytes.count else { throw .sendFailed(path: self.socketPath, errno: errno) }
    }
}

/// Why a systemd notification could not be sent.
public enum SystemdNotifyError: Error, Hashable, Sendable, CustomStringConvertible {
    case socketFailed(errno: Int32)
    case pathTooLong(String)
    case sendFailed(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .socketFailed(let code): "cannot create the notify socket (errno \(code))"
        case .pathTooLong(let path): "NOTIFY_SOCKET path too long: \(path)"
        case .sendFailed(let path, let code): "cannot notify systemd at \(path): \(String(cString: strerror(code)))"
        }
    }
}
