/// A snapshot of one device as udev describes it: its sysfs path, device node, subsystem,
/// properties, and the USB attributes of its USB parent (vendor and product id, serial number).
public struct UdevDevice: Hashable, Sendable {
    /// The sysfs path (`/sys/devices/pci0000:00/.../ttyUSB0`).
    public var syspath: String
    /// The kernel name (`ttyUSB0`).
    public var sysname: String
    /// The subsystem (`tty`, `usb`, `usbmisc`).
    public var subsystem: String
    /// The device type within the subsystem (`usb_device`, `usb_interface`), if any.
    public var devtype: String?
    /// The device node (`/dev/ttyUSB0`), if it has one.
    public var devnode: String?
    /// udev properties (`ID_VENDOR_ID`, `ID_MODEL_ID`, `ID_SERIAL_SHORT`, `ID_PATH`…).
    public var properties: [String: String]
    /// Attributes of the nearest `usb_device` ancestor (`idVendor`, `idProduct`, `serial`,
    /// `manufacturer`, `product`, `busnum`, `devpath`, `bDeviceClass`), empty when not on USB.
    public var usbAttributes: [String: String]
    /// The interface number of the nearest `usb_interface` ancestor (`bInterfaceNumber`).
    public var usbInterfaceNumber: String?

    /// Creates a snapshot (used by tests and by recorded device descriptions).
    public init(
        syspath: String, sysname: String, subsystem: String, devtype: String? = nil, devnode: String? = nil,
        properties: [String: String] = [:], usbAttributes: [String: String] = [:], usbInterfaceNumber: String? = nil
    ) {
        self.syspath = syspath
        self.sysname = sysname
        self.subsystem = subsystem
        self.devtype = devtype
        self.devnode = devnode
        self.properties = properties
        self.usbAttributes = usbAttributes
        self.usbInterfaceNumber = usbInterfaceNumber
    }

    /// USB vendor id as four lower-case hex digits, if on USB.
    public var usbVendorID: String? { (self.usbAttributes["idVendor"] ?? self.properties["ID_VENDOR_ID"])?.lowercased() }
    /// USB product id as four lower-case hex digits, if on USB.
    public var usbProductID: String? { (self.usbAttributes["idProduct"] ?? self.properties["ID_MODEL_ID"])?.lowercased() }
    /// The USB serial number, if the device has one.
    public var serialNumber: String? { self.usbAttributes["serial"] ?? self.properties["ID_SERIAL_SHORT"] }
    /// The physical port path (`pci-0000:00:14.0-usb-0:2:1.0`), stable while the cable stays in the same socket.
    public var physicalPath: String? { self.properties["ID_PATH"] }
}
