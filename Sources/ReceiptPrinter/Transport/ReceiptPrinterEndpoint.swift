import DeviceKit

/// Where a receipt printer is reached. The driver opens a fresh connection for every job and
/// every status check, and closes it afterwards: network printers drop idle sockets, and a
/// re-plugged USB printer is found again without any reconnect logic.
public enum ReceiptPrinterEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// A serial port (USB-serial bridge, RS-232, or a simulator's PTY), raw 8N1.
    case serial(path: String, baudRate: Int)
    /// A USB printer-class character device (`/dev/usb/lp0`).
    case usbPrinter(path: String)
    /// A network printer's raw port (9100).
    case tcp(host: String, port: Int)

    /// The endpoint a profile's transport describes, at an address from the configuration.
    /// - Parameters:
    ///   - transport: the profile's transport settings.
    ///   - address: the device path (serial, USB) or host name (TCP).
    /// - Returns: `nil` for a CUPS transport, which receipt printers do not use.
    public init?(_ transport: TransportSettings, address: String) {
        switch transport {
        case .serial(let baudRate): self = .serial(path: address, baudRate: baudRate)
        case .usbPrinter: self = .usbPrinter(path: address)
        case .tcp(let port): self = .tcp(host: address, port: port)
        case .cups: return nil
        }
    }

    public var description: String {
        switch self {
        case .serial(let path, let baudRate): "\(path) (serial \(baudRate) baud)"
        case .usbPrinter(let path): "\(path) (USB printer)"
        case .tcp(let host, let port): "\(host):\(port) (TCP)"
        }
    }

    /// Opens a connection.
    /// - Parameter connectTimeout: how long a TCP handshake may take.
    /// - Throws: ``TransportError`` saying why the printer cannot be reached.
    public func open(connectTimeout: Duration) async throws(TransportError) -> any ByteTransport {
        switch self {
        case .serial(let path, let baudRate):
            return try SerialPort.open(path: path, baudRate: baudRate, exclusive: true)
        case .usbPrinter(let path):
            return try USBPrinterPort.open(path: path)
        case .tcp(let host, let port):
            return try await TCPConnection.connect(host: host, port: port, timeout: connectTimeout)
        }
    }
}
