import KioskCore

/// Matches udev devices against the device profiles: decides which devices discovery looks at
/// (candidates), which profiles fit each, and how specifically.
///
/// Candidates are the devices a driver could open or a kiosk could miss:
/// - a `tty` on USB (USB-serial bridges, CDC-ACM devices): built-in RS-232 ports (`ttyS*`)
///   exist whether or not anything is connected, so they are configured by path, not discovered;
/// - a `usbmisc` node on USB (`/dev/usb/lp0`, USB printer class);
/// - a whole USB device (`usb`/`usb_device`), other than root hubs and hubs, when a profile
///   names its vendor and product id (a CUPS printer, to know whether it is plugged in); other
///   USB devices are not candidates, so they are never reported as unknown.
///
/// A profile that names only a subsystem (`escpos-80mm-generic`: any `usbmisc` printer) is a
/// fallback: it matches only devices no profile with USB ids matches. Profiles reached over the
/// network (`tcp`) are never matched, nor CUPS profiles without USB ids.
public struct DeviceMatcher: Sendable {
    /// The profiles matched against.
    public let profiles: [DeviceProfile]

    /// Creates a matcher over profiles (typically ``DeviceProfileLibrary/profiles``).
    public init(profiles: [DeviceProfile]) {
        self.profiles = profiles.filter(Self.isDiscoverable)
    }

    /// Whether udev discovery can find devices of a profile.
    public static func isDiscoverable(_ profile: DeviceProfile) -> Bool {
        let hasUSBIDs = profile.match.usbVendorID != nil
        switch profile.transport {
        case .tcp: return false
        case .cups: return hasUSBIDs
        case .serial, .usbPrinter:
            // A bare `subsystem: usb` would match every USB device on the machine.
            return hasUSBIDs || (profile.match.subsystem != nil && profile.match.subsystem != "usb")
        }
    }

    /// Whether discovery looks at a device at all.
    public static func isCandidate(_ device: UdevDevice) -> Bool {
        guard device.usbVendorID != nil else { return false }
        switch device.subsystem {
        case "tty", "usbmisc":
            return true
        case "usb":
            guard device.devtype == "usb_device" else { return false }
            let isRootHub = device.sysname.hasPrefix("usb")
            let isHub = device.usbAttributes["bDeviceClass"] == "09"
            return !isRootHub && !isHub
        default:
            return false
        }
    }

    /// The candidate with its matching profiles, or `nil` when discovery does not look at it.
    public func discover(_ device: UdevDevice) -> DiscoveredDevice? {
        guard Self.isCandidate(device) else { return nil }
        var matches = self.profiles.filter { $0.match.matches(device) }.map { ProfileMatch(profile: $0) }
        if matches.contains(where: { !$0.isFallback }) {
            matches.removeAll(where: \.isFallback)
        }
        matches.sort()
        // A whole USB device matters only when a profile names it; most are hubs, keyboards
        // or the parent of a tty that is matched on its own.
        if device.subsystem == "usb", matches.isEmpty { return nil }
        return DiscoveredDevice(udev: device, identity: DeviceIdentity(of: device), matches: matches)
    }
}

/// A profile that fits a device, and how specifically.
public struct ProfileMatch: Hashable, Sendable, Comparable {
    /// The profile.
    public var profile: DeviceProfile
    /// How much of the profile's match section the device satisfied: serial pattern 8,
    /// interface 4, vendor and product id 2, subsystem 1.
    public var specificity: Int

    /// Scores a profile's match.
    public init(profile: DeviceProfile) {
        let match = profile.match
        var score = 0
        if match.subsystem != nil { score += 1 }
        if match.usbVendorID != nil { score += 2 }
        if match.interfaceNumber != nil { score += 4 }
        if match.serialPattern != nil { score += 8 }
        self.profile = profile
        self.specificity = score
    }

    /// Whether the profile names only a subsystem (a class of devices, not a model).
    public var isFallback: Bool { self.specificity <= 1 }

    /// The profile's role.
    public var role: DeviceRole { self.profile.role }

    /// Most specific first; then roles in ``DeviceRole`` order; then profile id.
    public static func < (lhs: ProfileMatch, rhs: ProfileMatch) -> Bool {
        if lhs.specificity != rhs.specificity { return lhs.specificity > rhs.specificity }
        if lhs.role != rhs.role { return lhs.role.order < rhs.role.order }
        return lhs.profile.id < rhs.profile.id
    }
}

extension DeviceRole {
    /// The English name inside a sentence: "ID card reader", "receipt printer".
    var phrase: String {
        let name = self.name.en
        let firstWord = name.prefix { $0 != " " }
        return firstWord.allSatisfy(\.isUppercase) ? name : name.prefix(1).lowercased() + name.dropFirst()
    }

    /// The role's position in ``DeviceRole/allCases``: the tie-break when one device fits two roles.
    var order: Int { DeviceRole.allCases.firstIndex(of: self)! }
}
