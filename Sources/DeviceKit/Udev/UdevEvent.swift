/// What happened to a device, as the udev monitor socket reports it (`ACTION=`).
public enum UdevAction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The device appeared (plugged in, or driver loaded).
    case add
    /// The device disappeared (unplugged).
    case remove
    /// A property or attribute changed.
    case change
    /// A driver was bound to the device.
    case bind
    /// A driver was unbound from the device.
    case unbind
    /// Any other action (`move`, `online`, `offline`), by name.
    case other(String)

    /// Reads libudev's action string.
    public init(_ text: String) {
        switch text {
        case "add": self = .add
        case "remove": self = .remove
        case "change": self = .change
        case "bind": self = .bind
        case "unbind": self = .unbind
        default: self = .other(text)
        }
    }

    /// The action as udev spells it.
    public var description: String {
        switch self {
        case .add: "add"
        case .remove: "remove"
        case .change: "change"
        case .bind: "bind"
        case .unbind: "unbind"
        case .other(let text): text
        }
    }
}

/// One hot-plug event: an action and the device it happened to.
///
/// For a `remove` the device is gone from sysfs, so the snapshot holds only what the event
/// carried (its properties, syspath, device node); USB attributes of parents are usually empty.
public struct UdevEvent: Hashable, Sendable {
    /// What happened.
    public var action: UdevAction
    /// The device, as far as the event describes it.
    public var device: UdevDevice
    /// udev's sequence number (`SEQNUM`), 0 when absent.
    public var sequenceNumber: UInt64

    /// Creates an event.
    public init(action: UdevAction, device: UdevDevice, sequenceNumber: UInt64 = 0) {
        self.action = action
        self.device = device
        self.sequenceNumber = sequenceNumber
    }
}
