import COneTripSerial

#if canImport(Glibc)
import Glibc
#endif

/// Opens a USB printer-class character device (`/dev/usb/lp0`, the kernel's `usblp` driver).
///
/// The node is a plain byte pipe: no termios settings (it is not a tty); writes go to the
/// printer's bulk-out endpoint and, on bidirectional printers, reads return what the bulk-in
/// endpoint sent (ESC/POS status replies). `usblp` lets one process open a printer at a time,
/// so a second opener gets `EBUSY`, reported as ``TransportError/busy(path:)``.
public enum USBPrinterPort {
    /// Opens `path` non-blocking, read-write.
    /// - Throws: ``TransportError/openFailed(path:errno:)`` (missing node, no permission) or
    ///   ``TransportError/busy(path:)``.
    public static func open(path: String) throws(TransportError) -> FileDescriptorStream {
        let descriptor = onetrip_serial_open(path)
        guard descriptor >= 0 else {
            let code = errno
            throw code == EBUSY ? .busy(path: path) : .openFailed(path: path, errno: code)
        }
        return try FileDescriptorStream(takingOwnershipOf: descriptor, name: path)
    }
}
