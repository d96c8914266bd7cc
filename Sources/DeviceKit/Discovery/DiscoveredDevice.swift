import KioskCore

/// A device discovery looked at: its udev snapshot, its stable identity, and the profiles that
/// fit it (most specific first; empty for an unknown device).
public struct DiscoveredDevice: Hashable, Sendable {
    /// What udev says about it.
    public var udev: UdevDevice
    /// The name that survives re-plugging.
    public var identity: DeviceIdentity
    /// The profiles that fit, most specific first.
    public var matches: [ProfileMatch]

    /// Creates the value.
    public init(udev: UdevDevice, identity: DeviceIdentity, matches: [ProfileMatch]) {
        self.udev = udev
        self.identity = identity
        self.matches = matches
    }

    /// Whether any profile fits.
    public var isKnown: Bool { !self.matches.isEmpty }

    /// The roles it could fill, in order of preference.
    public var roles: [DeviceRole] {
        var seen: [DeviceRole] = []
        for match in self.matches where !seen.contains(match.role) { seen.append(match.role) }
        return seen
    }

    /// The best profile for a role, if one fits.
    public func bestMatch(for role: DeviceRole) -> ProfileMatch? {
        self.matches.first { $0.role == role }
    }

    /// The node a driver opens (`/dev/ttyUSB0`), if any.
    public var deviceNode: String? { self.udev.devnode }

    /// `1a86:7523`, or `-` off USB.
    public var usbID: String {
        guard let vendor = self.udev.usbVendorID, let product = self.udev.usbProductID else { return "-" }
        return "\(vendor):\(product)"
    }

    /// A short description for log lines: `tty /dev/ttyUSB0 (usb 1a86:7523, USB2.0-Serial)`.
    public var summary: String {
        var text = "\(self.udev.subsystem) \(self.deviceNode ?? self.udev.sysname) (usb \(self.usbID)"
        if let product = self.udev.usbAttributes["product"] ?? self.udev.properties["ID_MODEL"] { text += ", \(product)" }
        return text + ")"
    }
}
