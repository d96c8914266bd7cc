import COneTripSerial

#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for device simulators: the simulator speaks the device's side on the
/// master, and a driver opens ``devicePath`` (the slave, `/dev/pts/N`) as if it were a serial port.
///
/// The simulator keeps its own slave descriptor open so the master never sees a hang-up
/// between two driver connections. ``unplug()`` drops both ends, which the driver sees as
/// `EIO`/hang-up, exactly like a USB-serial adapter pulled out.
public final class PseudoTerminal: Sendable {
    /// The slave device a driver opens.
    public let devicePath: String
    /// The simulator's end.
    public let master: FileDescriptorStream
    private let slaveDescriptor: Int32

    /// Opens a new pair.
    /// - Throws: ``TransportError`` if the system has no free PTY.
    public init() throws(TransportError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard onetrip_openpty(&master, &slave, &name, name.count) == 0 else {
            throw .ioError(name: "pty", operation: "openpty", errno: errno)
        }
        self.devicePath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.slaveDescriptor = slave
        self.master = try FileDescriptorStream(takingOwnershipOf: master, name: "pty master of \(self.devicePath)")
    }

    /// Drops the simulator's ends: drivers reading the slave get `EIO`, like an unplugged cable.
    public func unplug() {
        self.master.close()
        Glibc.close(self.slaveDescriptor)
    }
}
