import ControlAPI
import Foundation
import KioskTestSupport
import Logging
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// A real ``ControlServer`` on a socket in a temporary folder, run in a `ServiceGroup` as the
/// daemon runs it, stopped by a graceful shutdown.
final class RunningControlServer: Sendable {
    let directory: URL
    let socketPath: String
    let group: ServiceGroup
    let task: Task<Void, any Error>
    /// The group the socket was given.
    let groupName: String

    /// Starts a server and waits until its socket accepts connections.
    init(control: any KioskControl, groupName: String? = nil) async throws {
        self.directory = try Fixtures.temporaryDirectory("onetrip-control")
        self.socketPath = self.directory.appendingPathComponent("control.sock").path
        self.groupName = groupName ?? Self.otherGroup()
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Void.self)
        let server = ControlServer(
            control: control, configuration: .init(socketPath: self.socketPath, group: self.groupName, heartbeatInterval: .milliseconds(200)), logger: Logger(label: "test.control"),
            onListening: { _ in readyContinuation.yield() })
        let group = ServiceGroup(services: [server], logger: Logger(label: "test.control.group"))
        self.group = group
        self.task = Task { try await group.run() }
        let timeout = Task {
            try await Task.sleep(for: .seconds(30))
            readyContinuation.finish()
        }
        var started = false
        for await _ in ready {
            started = true
            break
        }
        timeout.cancel()
        guard started else {
            self.task.cancel()
            throw TestFailure("the control server did not start within 30 s: \((try? await self.task.value).map { "\($0)" } ?? "failed")")
        }
    }

    /// Runs `body` with a server, and stops the server afterwards whatever happens.
    static func with<T>(
        _ control: any KioskControl = CannedKiosk(), groupName: String? = nil, _ body: (RunningControlServer) async throws -> T
    ) async throws -> T {
        let server = try await RunningControlServer(control: control, groupName: groupName)
        do {
            let value = try await body(server)
            try await server.stop()
            return value
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A client for the socket.
    func client(timeout: Duration = .seconds(30)) -> ControlClient {
        ControlClient(socketPath: self.socketPath, accessGroup: self.groupName, timeout: timeout)
    }

    /// Shuts the server down gracefully and waits for it; removes the folder.
    func stop() async throws {
        await self.group.triggerGracefulShutdown()
        try await self.task.value
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// A group the socket can be given that differs from this process's own where possible:
    /// `daemon` as root (root may give files to any group), else a supplementary group, else
    /// the primary one.
    static func otherGroup() -> String {
        if geteuid() == 0, getgrnam("daemon") != nil { return "daemon" }
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(0, count)))
        _ = getgroups(count, &groups)
        let gid = groups.first { $0 != getegid() } ?? getegid()
        return getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? "root"
    }
}

/// A test's own failure.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
