import DeviceKit
import Foundation
import KioskCore
import Logging
import Synchronization

/// The daemon's side of the screen socket: the terminal UI process (`onetrip screen
/// --connect`) connects, gets the current screen at once and every new one after, and sends the
/// citizen's touches and keys back as ``ScreenInput`` lines, which become session events.
///
/// The UI is a separate process so a crashed or restarted UI never takes the session down; when
/// no UI is connected the session still runs (and times out) as usual.
public final class ScreenServer: ScreenOutput {
    private let listener: UnixSocketListener
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var clients: [UUID: FileDescriptorStream] = [:]
        var current: Screen?
    }

    /// Binds the socket.
    public init(path: String, group: String?, logger: Logger) throws(TransportError) {
        self.listener = try UnixSocketListener(path: path, mode: 0o660, group: group)
        self.logger = logger
    }

    /// The socket path.
    public var path: String { self.listener.path }

    /// Number of connected UI processes.
    public var connectedClients: Int { self.state.withLock { $0.clients.count } }

    /// Serves connections until the listener closes; inputs go to `onInput`.
    public func serve(onInput: @escaping @Sendable (ScreenInput) -> Void) async {
        await withDiscardingTaskGroup { group in
            for await connection in self.listener.connections {
                let id = UUID()
                let current = self.state.withLock { state -> Screen? in
                    state.clients[id] = connection
                    return state.current
                }
                self.logger.info("screen connected", metadata: ["clients": "\(self.connectedClients)"])
                group.addTask {
                    if let current { await Self.send(.show(current), to: connection) }
                    await self.readInputs(from: connection, onInput: onInput)
                    self.state.withLock { _ = $0.clients.removeValue(forKey: id) }
                    connection.close()
                    self.logger.info("screen disconnected")
                }
            }
        }
    }

    /// Stops accepting and drops every connection.
    public func close() {
        self.listener.close()
        let clients = self.state.withLock { state -> [FileDescriptorStream] in
            defer { state.clients.removeAll() }
            return Array(state.clients.values)
        }
        for client in clients { client.close() }
    }

    public func show(_ screen: Screen) async {
        let clients = self.state.withLock { state -> [FileDescriptorStream] in
            state.current = screen
            return Array(state.clients.values)
        }
        for client in clients { await Self.send(.show(screen), to: client) }
    }

    private static func send(_ update: ScreenUpdate, to connection: FileDescriptorStream) async {
        guard let line = try? JSONLineFramer.encode(update) else { return }
        try? await connection.write(line, timeout: .seconds(2))
    }

    private func readInputs(from connection: FileDescriptorStream, onInput: @Sendable (ScreenInput) -> Void) async {
        var framer = JSONLineFramer()
        while true {
            let bytes: [UInt8]
            do {
                bytes = try await connection.read(maximumCount: 4096, timeout: .seconds(3600))
            } catch .timeout {
                continue
            } catch {
                return
            }
            framer.append(bytes)
            while true {
                do {
                    guard let line = try framer.nextLine() else { break }
                    onInput(try JSONLineFramer.decode(ScreenInput.self, from: line))
                } catch {
                    self.logger.warning("ignoring a bad line from the screen", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
