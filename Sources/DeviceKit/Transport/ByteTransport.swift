/// A byte pipe to a device: a serial port, a USB printer-class node, a TCP socket or a PTY.
///
/// Drivers talk to devices through this protocol only, so one driver runs over a real port,
/// over a simulator's pseudo-terminal or over the network without change.
public protocol ByteTransport: Sendable {
    /// A name for messages (`/dev/ttyUSB0`, `192.168.1.40:9100`).
    var name: String { get }
    /// Sends bytes, waiting (without blocking a thread) while the kernel buffer is full.
    /// - Throws: ``TransportError/gone(name:reason:)`` when the device vanished,
    ///   ``TransportError/timeout(name:after:)`` when the bytes could not be sent in time.
    func write(_ bytes: [UInt8], timeout: Duration) async throws(TransportError)
    /// Returns the bytes that arrived (at least one, at most `maximumCount`), waiting up to `timeout`.
    func read(maximumCount: Int, timeout: Duration) async throws(TransportError) -> [UInt8]
    /// Throws away unread input (resynchronising after garbage).
    func discardInput()
    /// Closes the transport; pending reads fail with ``TransportError/closed(name:)``.
    func close()
}

extension ByteTransport {
    /// Reads exactly `count` bytes, waiting at most `timeout` in total.
    public func read(exactly count: Int, timeout: Duration) async throws(TransportError) -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let left = deadline - clock.now
            guard left > .zero else { throw .timeout(name: self.name, after: timeout) }
            bytes += try await self.read(maximumCount: count - bytes.count, timeout: left)
        }
        return bytes
    }
}
