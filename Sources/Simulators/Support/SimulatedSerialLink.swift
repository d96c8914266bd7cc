import DeviceKit
import Foundation
import Synchronization

/// The device's end of a simulated serial cable: a pseudo-terminal whose slave a driver opens as
/// if it were `/dev/ttyUSB0`.
///
/// - The slave is published at a stable symlink (like a udev `/dev/onetrip/...` link), so a
///   driver configured with that path finds the device again after ``unplug()`` and ``plugIn()``
///   even though the kernel hands out a new `/dev/pts/N`.
/// - ``send(_:)`` paces bytes at the configured baud rate (10 bits per byte for 8N1), so
///   latency figures measured against a simulator include real wire time.
public final class SimulatedSerialLink: Sendable {
    /// The path drivers open: the symlink if one was asked for, else the PTY slave.
    public let devicePath: String
    /// The simulated line speed.
    public let baudRate: Int
    /// Whether writes are paced at the line speed.
    public let isPaced: Bool
    private let symlinkPath: String?
    private let current: Mutex<PseudoTerminal?>

    /// Creates a link and plugs it in.
    /// - Parameters:
    ///   - symlinkPath: a stable path to publish the slave at (its directory must exist), or `nil`.
    ///   - baudRate: the line speed to simulate.
    ///   - isPaced: whether to pace writes at that speed.
    public init(symlinkPath: String? = nil, baudRate: Int = 115_200, isPaced: Bool = true) throws(TransportError) {
        let terminal = try PseudoTerminal()
        self.symlinkPath = symlinkPath
        self.baudRate = baudRate
        self.isPaced = isPaced
        self.current = Mutex(terminal)
        self.devicePath = symlinkPath ?? terminal.devicePath
        try Self.publish(terminal, at: symlinkPath)
    }

    /// The PTY slave path right now (changes on every re-plug).
    public var slavePath: String? { self.current.withLock { $0?.devicePath } }

    /// Whether the cable is plugged in.
    public var isPluggedIn: Bool { self.current.withLock { $0 != nil } }

    /// Sends bytes to the driver, at line speed when paced.
    /// - Throws: ``TransportError/gone(name:reason:)`` while unplugged.
    public func send(_ bytes: [UInt8]) async throws(TransportError) {
        guard let terminal = self.current.withLock({ $0 }) else { throw .gone(name: self.devicePath, reason: "unplugged") }
        guard self.isPaced else {
            try await terminal.master.write(bytes, timeout: .seconds(5))
            return
        }
        // Chunks of about 2 ms of line time keep pacing close to real without a syscall per byte.
        let chunk = max(1, self.baudRate / 10 / 500)
        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0
        while sent < bytes.count {
            let end = min(bytes.count, sent + chunk)
            try await terminal.master.write(Array(bytes[sent..<end]), timeout: .seconds(5))
            sent = end
            let due = start + SerialPort.wireTime(byteCount: sent, baudRate: self.baudRate)
            if due > clock.now {
                do { try await Task.sleep(until: due, clock: clock) } catch { throw .cancelled }
            }
        }
    }

    /// Waits for bytes from the driver.
    public func receive(maximumCount: Int = 4096, timeout: Duration) async throws(TransportError) -> [UInt8] {
        guard let terminal = self.current.withLock({ $0 }) else { throw .gone(name: self.devicePath, reason: "unplugged") }
        return try await terminal.master.read(maximumCount: maximumCount, timeout: timeout)
    }

    /// Pulls the cable: the driver's reads fail with `EIO`, and the symlink disappears.
    public func unplug() {
        let terminal = self.current.withLock { state -> PseudoTerminal? in
            defer { state = nil }
            return state
        }
        terminal?.unplug()
        if let symlinkPath { try? FileManager.default.removeItem(atPath: symlinkPath) }
    }

    /// Plugs the cable back in: a new PTY, published at the same symlink.
    public func plugIn() throws(TransportError) {
        guard !self.isPluggedIn else { return }
        let terminal = try PseudoTerminal()
        try Self.publish(terminal, at: self.symlinkPath)
        self.current.withLock { $0 = terminal }
    }

    private static func publish(_ terminal: PseudoTerminal, at symlinkPath: String?) throws(TransportError) {
        guard let symlinkPath else { return }
        try? FileManager.default.removeItem(atPath: symlinkPath)
        do {
            try FileManager.default.createSymbolicLink(atPath: symlinkPath, withDestinationPath: terminal.devicePath)
        } catch {
            throw .ioError(name: symlinkPath, operation: "symlink", errno: EEXIST)
        }
    }

    deinit {
        self.unplug()
    }
}
