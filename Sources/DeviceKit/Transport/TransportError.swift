#if canImport(Glibc)
import Glibc
#endif

/// Why talking to a device failed, in terms a technician can act on.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The device node could not be opened (missing, no permission); carries path and errno.
    case openFailed(path: String, errno: Int32)
    /// Another process holds the port exclusively (TIOCEXCL / EBUSY).
    case busy(path: String)
    /// The port exists but would not take the settings (baud rate the driver does not support).
    case configurationFailed(path: String, errno: Int32)
    /// The device disappeared: unplugged, powered off, connection reset (EIO, ENXIO, hang-up, EOF).
    case gone(name: String, reason: String)
    /// Nothing arrived before the deadline.
    case timeout(name: String, after: Duration)
    /// A network connection could not be made (refused, unreachable, timed out).
    case connectFailed(endpoint: String, reason: String)
    /// The transport was closed by its owner.
    case closed(name: String)
    /// The waiting task was cancelled.
    case cancelled
    /// Some other system call failed.
    case ioError(name: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .openFailed(let path, let code):
            "cannot open \(path): \(TransportError.describe(code))\(code == EACCES ? " (is the kiosk user in the dialout group, or the udev rule installed?)" : "")"
        case .busy(let path): "\(path) is in use by another program (exclusive lock); stop it or check for a second onetripd"
        case .configurationFailed(let path, let code): "cannot configure \(path): \(TransportError.describe(code))"
        case .gone(let name, let reason): "\(name) disappeared (\(reason)); check the cable and power"
        case .timeout(let name, let after): "\(name) did not answer within \(after)"
        case .connectFailed(let endpoint, let reason): "cannot connect to \(endpoint): \(reason)"
        case .closed(let name): "\(name) is closed"
        case .cancelled: "the operation was cancelled"
        case .ioError(let name, let operation, let code): "\(operation) on \(name) failed: \(TransportError.describe(code))"
        }
    }

    /// Whether the device is gone (as opposed to slow or misconfigured).
    public var isDeviceGone: Bool {
        if case .gone = self { return true }
        return false
    }

    /// `strerror` text with the symbolic errno.
    public static func describe(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
