import Foundation
import COneTripUdev

/// A libudev context: enumerates devices by subsystem through the `COneTripUdev` shim.
///
/// Not `Sendable`: libudev objects are not thread-safe. Create one where it is used (the
/// discovery service owns one) and keep only ``UdevDevice`` snapshots beyond it.
public final class Udev {
    let handle: OpaquePointer

    /// Creates a context.
    /// - Throws: ``UdevError/unavailable`` when libudev cannot start (no /sys, no /run/udev).
    public init() throws(UdevError) {
        guard let handle = udev_new() else { throw .unavailable }
        self.handle = handle
    }

    deinit {
        udev_unref(self.handle)
    }

    /// Lists the devices of the given subsystems (`["tty", "usb", "usbmisc"]`), or all devices
    /// when `subsystems` is empty.
    public func devices(subsystems: [String] = []) throws(UdevError) -> [UdevDevice] {
        guard let enumerate = udev_enumerate_new(self.handle) else { throw .unavailable }
        defer { udev_enumerate_unref(enumerate) }
        for subsystem in subsystems {
            udev_enumerate_add_match_subsystem(enumerate, subsystem)
        }
        let status = udev_enumerate_scan_devices(enumerate)
        guard status >= 0 else { throw .scanFailed(errno: -status) }
        var result: [UdevDevice] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let path = udev_list_entry_get_name(current),
                let device = udev_device_new_from_syspath(self.handle, path)
            {
                result.append(Udev.snapshot(device))
                udev_device_unref(device)
            }
            entry = udev_list_entry_get_next(current)
        }
        return result
    }

    /// The device at a sysfs path, if it exists.
    public func device(syspath: String) -> UdevDevice? {
        guard let device = udev_device_new_from_syspath(self.handle, syspath) else { return nil }
        defer { udev_device_unref(device) }
        return Udev.snapshot(device)
    }

    /// Copies what the kiosk needs out of a libudev device.
    static func snapshot(_ device: OpaquePointer) -> UdevDevice {
        func string(_ pointer: UnsafePointer<CChar>?) -> String? { pointer.map { String(cString: $0) } }
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = string(udev_list_entry_get_name(current)) {
                properties[name] = string(udev_list_entry_get_value(current)) ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        var usbAttributes: [String: String] = [:]
        // A whole USB device carries the attributes itself; anything below it asks its ancestor.
        let isUSBDevice = string(udev_device_get_subsystem(device)) == "usb" && string(udev_device_get_devtype(device)) == "usb_device"
        if let usb = isUSBDevice ? device : udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") {
            for name in [
                "idVendor", "idProduct", "serial", "manufacturer", "product", "busnum", "devnum", "devpath", "bDeviceClass",
            ] {
                if let value = string(udev_device_get_sysattr_value(usb, name)) {
                    usbAttributes[name] = value.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        }
        var interfaceNumber: String?
        if let interface = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_interface") {
            interfaceNumber = string(udev_device_get_sysattr_value(interface, "bInterfaceNumber"))
        }
        // udev's usb_id copies it into the properties, which a remove event still carries.
        interfaceNumber = interfaceNumber ?? properties["ID_USB_INTERFACE_NUM"]
        return UdevDevice(
            syspath: string(udev_device_get_syspath(device)) ?? "",
            sysname: string(udev_device_get_sysname(device)) ?? "",
            subsystem: string(udev_device_get_subsystem(device)) ?? "",
            devtype: string(udev_device_get_devtype(device)),
            devnode: string(udev_device_get_devnode(device)),
            properties: properties, usbAttributes: usbAttributes, usbInterfaceNumber: interfaceNumber)
    }
}

@available(*, unavailable)
extension Udev: Sendable {}

/// Why udev could not be asked.
public enum UdevError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libudev could not create a context (no sysfs or udev runtime directory).
    case unavailable
    /// Scanning sysfs failed with an errno.
    case scanFailed(errno: Int32)
    /// The hot-plug monitor socket could not be set up (a libudev call failed with an errno).
    case monitorFailed(operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .unavailable: "udev is unavailable (is /sys mounted and systemd-udevd or umockdev present?)"
        case .scanFailed(let code): "udev device scan failed (errno \(code))"
        case .monitorFailed(let operation, let code): "udev hot-plug monitor failed: \(operation) (errno \(code))"
        }
    }
}
