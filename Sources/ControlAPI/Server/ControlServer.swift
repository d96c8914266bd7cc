import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemon's control API: HTTP/1.1 on a local Unix socket, serving a ``KioskControl``.
///
/// The socket's permissions are the access control: after binding, the file gets mode 0660
/// and the configured group (`onetrip`), so root and members of that group may connect and
/// nobody else. At start a stale socket left by a crash is removed, but a socket another
/// daemon still answers on is refused; at shutdown the socket is removed.
///
/// | endpoint | answer |
/// |---|---|
/// | `GET /v1/status` | ``KioskStatusReport`` |
/// | `GET /v1/devices` | ``DevicesReport`` |
/// | `POST /v1/diagnostics` (``DiagnosticRequest``, every field optional) | NDJSON: an entry per check, then the report |
/// | `GET /v1/sessions` | ``SessionsReport`` |
/// | `POST /v1/maintenance` (``MaintenanceRequest``) | ``MaintenanceState`` |
/// | `GET /v1/queue` | ``QueueReport`` |
/// | `POST /v1/queue/flush` | NDJSON: ``QueueFlushProgress`` per batch, then ``QueueFlushResult`` |
///
/// Errors are ``ControlProblem`` objects (`application/problem+json`); in a stream, a
/// `problem` line. It is a swift-service-lifecycle `Service`: put it in the daemon's
/// `ServiceGroup`; it stops at graceful shutdown once the requests in flight have finished.
///
/// ```swift
/// let server = ControlServer(control: daemon, configuration: .init(socketPath: settings.sockets.control, group: settings.sockets.group))
/// let group = ServiceGroup(services: [uploader, server, ...], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
public struct ControlServer: Service {
    /// Where the socket is and who may use it.
    public struct Configuration: Sendable {
        /// The socket file (`/run/onetrip/control.sock`).
        public var socketPath: String
        /// The group given access, or `nil` to keep the daemon's own group.
        public var group: String?
        /// The socket file's mode (default 0660: owner and group read and write).
        public var mode: UInt32
        /// The largest request body accepted.
        public var maxBodyBytes: Int
        /// How often a stream sends an empty line while its operation runs (clients tell a slow
        /// operation from a dead daemon by it; a client that went away is noticed at the next).
        public var heartbeatInterval: Duration

        /// Creates a configuration.
        public init(
            socketPath: String, group: String? = "onetrip", mode: UInt32 = 0o660, maxBodyBytes: Int = 64 << 10, heartbeatInterval: Duration = .seconds(10)
        ) {
            self.socketPath = socketPath
            self.group = group
            self.mode = mode
            self.maxBodyBytes = maxBodyBytes
            self.heartbeatInterval = heartbeatInterval
        }
    }

    let control: any KioskControl
    let configuration: Configuration
    let logger: Logger
    let onListening: @Sendable (String) async -> Void

    /// Creates a server.
    /// - Parameter onListening: called with the socket path once the socket accepts
    ///   connections with its final permissions.
    public init(
        control: any KioskControl, configuration: Configuration, logger: Logger = Logger(label: "onetrip.control"),
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.control = control
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown or cancellation, then removes the socket.
    /// - Throws: ``ControlServerError`` when the socket cannot be set up (unknown group,
    ///   another daemon running, a file in the way); errors from binding.
    public func run() async throws {
        let path = self.configuration.socketPath
        let gid = try self.configuration.group.map { name throws(ControlServerError) in
            let gid = try ControlSocketFile.groupID(named: name)
            guard ControlSocketFile.mayChangeGroup(to: gid) else { throw .notInGroup(group: name) }
            return gid
        }
        try ControlSocketFile.prepare(path: path)

        let router = Router(context: ControlRequestContext.self)
        router.add(middleware: ProblemMiddleware(logger: self.logger))
        ControlRoutes(control: self.control, maxBodyBytes: self.configuration.maxBodyBytes, heartbeat: self.configuration.heartbeatInterval).register(on: router)

        let failure = Mutex<(any Error)?>(nil)
        let inode = Mutex<ino_t?>(nil)
        let mode = mode_t(self.configuration.mode)
        let onListening = self.onListening
        let logger = self.logger
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .unixDomainSocket(path: path), serverName: "onetripd"),
            onServerRunning: { channel in
                do {
                    try ControlSocketFile.restrict(path: path, mode: mode, group: gid)
                    inode.withLock { $0 = ControlSocketFile.inode(of: path) }
                    logger.info("control API listening on \(path)")
                    await onListening(path)
                } catch {
                    // Never serve on a socket with the wrong permissions.
                    failure.withLock { $0 = error }
                    try? await channel.close()
                }
            },
            logger: self.logger)
        do {
            try await application.run()
        } catch {
            ControlSocketFile.remove(path: path, inode: inode.withLock { $0 } ?? ControlSocketFile.inode(of: path))
            throw error
        }
        ControlSocketFile.remove(path: path, inode: inode.withLock { $0 } ?? ControlSocketFile.inode(of: path))
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
