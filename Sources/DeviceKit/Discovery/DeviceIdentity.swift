/// A name for one physical device that survives re-plugging, so the device keeps its role
/// when the kernel hands it a new node (`ttyUSB0` today, `ttyUSB1` after a re-plug).
///
/// In order of preference:
/// - **serial number**: `serial:0403:6001:A50285BI` (USB vendor, product, serial; plus
///   `:if01` for the second port of a multi-port bridge). Follows the device to any socket.
/// - **physical port**: `port:1a86:7523:pci-0000:00:14.0-usb-0:2:1.0` (vendor, product and
///   `ID_PATH`, or the kernel's USB port path). Stable while the cable stays in the same
///   socket; used for bridges without a serial number (CH340, most PL2303).
/// - **sysfs path**: `sys:/devices/...`, for anything else.
///
/// Identities order serial before port before sysfs, then by text, so choices between equal
/// devices are deterministic.
public struct DeviceIdentity: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// How the identity was derived.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// From the USB serial number: follows the device to any port.
        case serialNumber = "serial"
        /// From the physical port path: stable while plugged into the same socket.
        case physicalPort = "port"
        /// From the sysfs path: the last resort.
        case sysfsPath = "sys"
    }

    /// How the identity was derived.
    public var kind: Kind
    /// The value after the `kind:` prefix.
    public var value: String

    /// Creates an identity.
    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Parses `serial:…`, `port:…` or `sys:…` (as written by ``description``).
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        let value = String(text[text.index(after: colon)...])
        guard !value.isEmpty else { return nil }
        self.init(kind: kind, value: value)
    }

    /// The identity of a udev device.
    public init(of device: UdevDevice) {
        let usbID = [device.usbVendorID, device.usbProductID].compactMap { $0 }.joined(separator: ":")
        let interface = device.usbInterfaceNumber.flatMap { Int($0, radix: 16) }
        if let serial = device.serialNumber?.trimmingCharacters(in: .whitespaces), !serial.isEmpty, !usbID.isEmpty {
            let port = interface.map { $0 == 0 ? "" : ($0 < 10 ? ":if0\($0)" : ":if\($0)") } ?? ""
            self.init(kind: .serialNumber, value: "\(usbID):\(serial)\(port)")
        } else if let path = device.physicalPath ?? Self.kernelPortPath(of: device.syspath), !usbID.isEmpty {
            self.init(kind: .physicalPort, value: "\(usbID):\(path)")
        } else {
            self.init(kind: .sysfsPath, value: Self.devicePath(of: device.syspath))
        }
    }

    /// The physical-port identity of a USB device even when it has a serial number: how two
    /// devices that report the same serial number (CP2102 bridges all ship as `0001`, clones
    /// copy one) are told apart.
    public static func port(of device: UdevDevice) -> DeviceIdentity? {
        guard let vendor = device.usbVendorID, let product = device.usbProductID,
            let path = device.physicalPath ?? Self.kernelPortPath(of: device.syspath)
        else { return nil }
        return DeviceIdentity(kind: .physicalPort, value: "\(vendor):\(product):\(path)")
    }

    /// `kind:value`.
    public var description: String { "\(self.kind.rawValue):\(self.value)" }

    public static func < (lhs: DeviceIdentity, rhs: DeviceIdentity) -> Bool {
        let order = Kind.allCases
        if lhs.kind != rhs.kind { return order.firstIndex(of: lhs.kind)! < order.firstIndex(of: rhs.kind)! }
        return lhs.value < rhs.value
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let identity = DeviceIdentity(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a device identity"))
        }
        self = identity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }

    /// The kernel's name for the USB port (`usb-1-2.3:1.0`), read from the sysfs path: the last
    /// component shaped like `bus-port[.port…][:config.interface]`.
    static func kernelPortPath(of syspath: String) -> String? {
        let components = self.devicePath(of: syspath).split(separator: "/")
        guard let port = components.last(where: { Self.isUSBPortName($0) }) else { return nil }
        return "usb-\(port)"
    }

    /// `/devices/...` without the `/sys` mount point, which differs under umockdev.
    static func devicePath(of syspath: String) -> String {
        guard let range = syspath.range(of: "/devices/") else { return syspath }
        return String(syspath[range.lowerBound...])
    }

    private static func isUSBPortName(_ name: Substring) -> Bool {
        // 1-2, 1-2.3, 1-2:1.0, 3-10.4.1:1.2
        let (device, interface) = name.firstIndex(of: ":").map { (name[..<$0], name[name.index(after: $0)...]) } ?? (name, nil)
        let parts = device.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].allSatisfy(\.isNumber), !parts[0].isEmpty else { return false }
        guard !parts[1].isEmpty, parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            return false
        }
        if let interface {
            let numbers = interface.split(separator: ".", omittingEmptySubsequences: false)
            return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        return true
    }
}
