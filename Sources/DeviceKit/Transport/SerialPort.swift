import COneTripSerial

#if canImport(Glibc)
import Glibc
#endif

/// Opens serial ports (USB-serial bridges, RS-232, PTYs) in raw 8N1 mode through the
/// `COneTripSerial` termios shim.
public enum SerialPort {
    /// Opens `path` at `baudRate`, raw 8N1 (8N2 with `twoStopBits`, as ITL SSP needs), no flow
    /// control, optionally exclusive (TIOCEXCL), with stale input and output flushed.
    /// - Throws: ``TransportError`` naming the path and the system's reason.
    public static func open(path: String, baudRate: Int, exclusive: Bool = true, twoStopBits: Bool = false) throws(TransportError) -> SerialConnection {
        guard onetrip_serial_speed_constant(UInt32(baudRate)) != 0 else {
            throw .configurationFailed(path: path, errno: EINVAL)
        }
        let descriptor = onetrip_serial_open(path)
        guard descriptor >= 0 else {
            let code = errno
            throw code == EBUSY ? .busy(path: path) : .openFailed(path: path, errno: code)
        }
        if exclusive, onetrip_serial_set_exclusive(descriptor) != 0 {
            let code = errno
            Glibc.close(descriptor)
            throw .configurationFailed(path: path, errno: code)
        }
        guard onetrip_serial_configure_raw(descriptor, UInt32(baudRate)) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .configurationFailed(path: path, errno: code)
        }
        if twoStopBits, onetrip_serial_set_two_stop_bits(descriptor) != 0 {
            let code = errno
            Glibc.close(descriptor)
            throw .configurationFailed(path: path, errno: code)
        }
        _ = onetrip_serial_flush(descriptor)
        let stream = try FileDescriptorStream(takingOwnershipOf: descriptor, name: path)
        return SerialConnection(stream: stream, baudRate: baudRate)
    }

    /// Whether a baud rate has a termios constant.
    public static func supports(baudRate: Int) -> Bool {
        onetrip_serial_speed_constant(UInt32(baudRate)) != 0
    }

    /// How long `byteCount` bytes take on the wire at `baudRate` with 8N1 framing (10 bits a byte).
    public static func wireTime(byteCount: Int, baudRate: Int) -> Duration {
        .nanoseconds(Int64(byteCount) * 10 * 1_000_000_000 / Int64(baudRate))
    }
}

/// An open serial port: a ``ByteTransport`` plus the serial-specific operations.
public final class SerialConnection: ByteTransport {
    let stream: FileDescriptorStream
    /// The configured baud rate.
    public let baudRate: Int

    init(stream: FileDescriptorStream, baudRate: Int) {
        self.stream = stream
        self.baudRate = baudRate
    }

    public var name: String { self.stream.name }

    public func write(_ bytes: [UInt8], timeout: Duration) async throws(TransportError) {
        try await self.stream.write(bytes, timeout: timeout)
    }

    public func read(maximumCount: Int, timeout: Duration) async throws(TransportError) -> [UInt8] {
        try await self.stream.read(maximumCount: maximumCount, timeout: timeout)
    }

    /// Drops unread input in the kernel (tcflush) and in the stream's buffer.
    public func discardInput() {
        _ = onetrip_serial_flush(self.stream.fileDescriptor)
        self.stream.discardInput()
    }

    /// The baud rate the tty reports (checks that the settings took).
    public var currentBaudRate: Int { Int(onetrip_serial_current_baud(self.stream.fileDescriptor)) }

    /// Whether the tty sends two stop bits (8N2).
    public var hasTwoStopBits: Bool { onetrip_serial_stop_bits_are_two(self.stream.fileDescriptor) == 1 }

    /// Whether the tty is held exclusively (TIOCGEXCL); root can still open an exclusive tty.
    public var isExclusive: Bool { onetrip_serial_is_exclusive(self.stream.fileDescriptor) == 1 }

    /// Whether the device is still there.
    public var isOpen: Bool { self.stream.isOpen }

    public func close() {
        _ = onetrip_serial_clear_exclusive(self.stream.fileDescriptor)
        self.stream.close()
    }
}
