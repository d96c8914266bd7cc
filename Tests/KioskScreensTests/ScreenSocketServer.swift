import DeviceKit
import Foundation
import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// The daemon's side of the screen socket, as the tests play it: listens on a Unix socket,
/// accepts the screen process, sends ``ScreenUpdate`` lines and reads ``ScreenInput`` lines.
final class ScreenSocketServer: @unchecked Sendable {
    /// The socket path.
    let path: String
    private let listener: Int32
    private var connection: FileDescriptorStream?
    private var framer = JSONLineFramer()
    private var inputs: [ScreenInput] = []

    init(path: String) throws {
        self.path = path
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(descriptor, 4) == 0 else {
            Glibc.close(descriptor)
            throw ServerError("bind/listen \(path): errno \(errno)")
        }
        self.listener = descriptor
    }

    /// Waits for the screen process to connect.
    func accept(timeout: Duration = .seconds(15)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let descriptor = Glibc.accept(self.listener, nil, nil)
            if descriptor >= 0 {
                // Not inherited by the tmux processes the tests start, or a dropped connection would stay open.
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                self.connection = try FileDescriptorStream(takingOwnershipOf: descriptor, name: "screen connection")
                self.framer = JSONLineFramer()
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServerError("the screen process did not connect within \(timeout)")
    }

    /// Sends an update.
    func send(_ update: ScreenUpdate) async throws {
        guard let connection else { throw ServerError("no screen process connected") }
        try await connection.write(try JSONLineFramer.encode(update))
    }

    /// Sends raw bytes (malformed lines).
    func sendRaw(_ bytes: [UInt8]) async throws {
        guard let connection else { throw ServerError("no screen process connected") }
        try await connection.write(bytes)
    }

    /// The next input the screen process sends.
    func nextInput(timeout: Duration = .seconds(10)) async throws -> ScreenInput {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while self.inputs.isEmpty {
            guard let connection else { throw ServerError("no screen process connected") }
            let left = deadline - clock.now
            guard left > .zero else { throw ServerError("no input from the screen within \(timeout)") }
            do {
                self.framer.append(try await connection.read(maximumCount: 4096, timeout: left))
            } catch .timeout {
                continue
            }
            while let line = try self.framer.nextLine() {
                self.inputs.append(try JSONLineFramer.decode(ScreenInput.self, from: line))
            }
        }
        return self.inputs.removeFirst()
    }

    /// Inputs that arrive within `duration` (to check that some input meant nothing).
    func inputs(within duration: Duration) async throws -> [ScreenInput] {
        var received: [ScreenInput] = []
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while clock.now < deadline {
            do {
                received.append(try await self.nextInput(timeout: deadline - clock.now))
            } catch is ServerError {
                break
            }
        }
        return received
    }

    /// Closes the connection, as a daemon that crashed or restarted would.
    func dropConnection() {
        self.connection?.close()
        self.connection = nil
    }

    /// Closes everything and removes the socket.
    func close() {
        self.dropConnection()
        Glibc.close(self.listener)
        unlink(self.path)
    }
}

/// The test daemon could not do its part.
struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
