import Foundation
import KioskCore

/// One supported device model, read from a YAML file in `DeviceProfiles/`: how to recognise it,
/// how to talk to it, what it can do and how long to wait for it.
///
/// ```yaml
/// model: CVR-100U
/// vendor: Huashi (华视)
/// role: idCardReader
/// example: false
/// match: { subsystem: tty, usbVendorID: "0400", usbProductID: "c35a" }
/// transport: { kind: serial, baudRate: 115200 }
/// protocol: sam
/// capabilities: { pollInterval: 200ms }
/// timeouts: { command: 500ms, read: 2s }
/// ```
public struct DeviceProfile: Hashable, Sendable {
    /// The file name without `.yaml` (`huashi-cvr-100u`).
    public var id: String
    /// The file, for messages.
    public var file: String
    /// The model name.
    public var model: String
    /// The maker.
    public var vendor: String
    /// The job the device does.
    public var role: DeviceRole
    /// Whether the values are illustrative rather than taken from a real model's documentation.
    public var isExample: Bool
    /// How discovery recognises the device.
    public var match: DeviceMatch
    /// How to reach it.
    public var transport: TransportSettings
    /// The wire protocol.
    public var wireProtocol: DeviceProtocol
    /// What it can do.
    public var capabilities: DeviceCapabilities
    /// Named timeouts (`command`, `read`, `statusQuery`…).
    public var timeouts: [String: Duration]

    /// A timeout by name, or a default.
    public func timeout(_ name: String, default value: Duration) -> Duration {
        self.timeouts[name] ?? value
    }
}

/// How udev discovery recognises a device model.
public struct DeviceMatch: Hashable, Sendable {
    /// The udev subsystem (`tty`, `usbmisc`, `usb`).
    public var subsystem: String?
    /// USB vendor id, four lower-case hex digits.
    public var usbVendorID: String?
    /// USB product id, four lower-case hex digits.
    public var usbProductID: String?
    /// The USB interface number, for composite devices.
    public var interfaceNumber: Int?
    /// A regular expression the USB serial number must match.
    public var serialPattern: String?

    /// Whether a udev device matches.
    public func matches(_ device: UdevDevice) -> Bool {
        if let subsystem, subsystem != device.subsystem { return false }
        if let usbVendorID, usbVendorID != device.usbVendorID { return false }
        if let usbProductID, usbProductID != device.usbProductID { return false }
        if let interfaceNumber {
            guard let found = device.usbInterfaceNumber.flatMap({ Int($0, radix: 16) }), found == interfaceNumber else { return false }
        }
        if let serialPattern {
            guard let serial = device.serialNumber, serial.range(of: serialPattern, options: .regularExpression) != nil else { return false }
        }
        return self.subsystem != nil || self.usbVendorID != nil
    }

    /// Creates the value.
    public init(subsystem: String?, usbVendorID: String?, usbProductID: String?, interfaceNumber: Int?, serialPattern: String?) {
        self.subsystem = subsystem
        self.usbVendorID = usbVendorID
        self.usbProductID = usbProductID
        self.interfaceNumber = interfaceNumber
        self.serialPattern = serialPattern
    }
}

/// How to reach a device.
public enum TransportSettings: Hashable, Sendable {
    /// A serial port (USB-serial bridge, RS-232).
    case serial(baudRate: Int)
    /// A TCP port (network receipt printers, 9100).
    case tcp(port: Int)
    /// A USB printer-class character device (`/dev/usb/lpN`).
    case usbPrinter
    /// A CUPS queue.
    case cups(queue: String)
}

/// The wire protocols OneTrip speaks.
public enum DeviceProtocol: String, Hashable, Sendable, CaseIterable {
    /// Public-security SAM ID card protocol (`AA AA AA 96 69` frames).
    case sam
    /// ESC/POS.
    case escpos
    /// IPP through CUPS.
    case ipp
    /// ITL Smiley Secure Protocol.
    case ssp
    /// Barcode scanner sending CR/LF-terminated codes.
    case scannerSerial = "scanner-serial"
}

/// What a device model can do, by role.
public enum DeviceCapabilities: Hashable, Sendable {
    case idCardReader(IDCardReaderCapabilities)
    case receiptPrinter(ReceiptPrinterCapabilities)
    case certificatePrinter(CertificatePrinterCapabilities)
    case billValidator(BillValidatorCapabilities)
    case paymentCodeScanner(PaymentCodeScannerCapabilities)
}

/// ID card reader capabilities.
public struct IDCardReaderCapabilities: Hashable, Sendable {
    /// How often to poll for a card (≤ 200 ms so a card is noticed fast).
    public var pollInterval: Duration
    /// Whether the SAM returns fingerprints (command 30 10).
    public var readsFingerprints: Bool
    /// Whether the reader supports the appended-address command (30 03).
    public var readsAppendedAddress: Bool

    /// Creates the value.
    public init(pollInterval: Duration, readsFingerprints: Bool, readsAppendedAddress: Bool) {
        self.pollInterval = pollInterval
        self.readsFingerprints = readsFingerprints
        self.readsAppendedAddress = readsAppendedAddress
    }
}

/// ESC/POS receipt printer capabilities.
public struct ReceiptPrinterCapabilities: Hashable, Sendable {
    /// Paper width in millimetres (58 or 80).
    public var paperWidthMillimetres: Int
    /// Printable dots per line (384 for 58 mm, 576 for 80 mm at 203 dpi).
    public var dotsPerLine: Int
    /// Font A columns per line (32 or 48).
    public var columns: Int
    /// Text encoding (`gb18030`).
    public var encoding: String
    /// Whether Chinese mode must be switched explicitly with `FS &` / `FS .`.
    public var hasChineseMode: Bool
    /// Whether the printer draws QR codes itself (`GS ( k`).
    public var hasNativeQR: Bool
    /// The cutter.
    public var cutter: Cutter
    /// Lines to feed before cutting, so the last printed line clears the blade.
    public var feedLinesBeforeCut: Int
    /// Whether the printer answers real-time status (`DLE EOT n`).
    public var hasRealTimeStatus: Bool
    /// Whether the printer answers `GS r 1` once it has processed everything sent before it,
    /// which tells the driver that a job (including its cut) has really been printed.
    public var hasTransmitStatus: Bool

    /// Cutter types.
    public enum Cutter: String, Hashable, Sendable, CaseIterable {
        case full, partial, none
    }

    /// Creates the value.
    public init(
        paperWidthMillimetres: Int, dotsPerLine: Int, columns: Int, encoding: String, hasChineseMode: Bool, hasNativeQR: Bool, cutter: Cutter,
        feedLinesBeforeCut: Int, hasRealTimeStatus: Bool, hasTransmitStatus: Bool = true
    ) {
        self.paperWidthMillimetres = paperWidthMillimetres
        self.dotsPerLine = dotsPerLine
        self.columns = columns
        self.encoding = encoding
        self.hasChineseMode = hasChineseMode
        self.hasNativeQR = hasNativeQR
        self.cutter = cutter
        self.feedLinesBeforeCut = feedLinesBeforeCut
        self.hasRealTimeStatus = hasRealTimeStatus
        self.hasTransmitStatus = hasTransmitStatus
    }
}

/// A4 printer (CUPS queue) capabilities.
public struct CertificatePrinterCapabilities: Hashable, Sendable {
    /// The IPP media keyword (`iso_a4_210x297mm`).
    public var media: String
    /// Whether two-sided printing is available.
    public var isDuplex: Bool

    /// Creates the value.
    public init(media: String, isDuplex: Bool) {
        self.media = media
        self.isDuplex = isDuplex
    }
}

/// Banknote validator capabilities.
public struct BillValidatorCapabilities: Hashable, Sendable {
    /// The SSP address (0 for a validator).
    public var sspAddress: Int
    /// The currency code the notes are in (`CNY`).
    public var currency: String
    /// The notes the kiosk accepts (others are inhibited).
    public var acceptedNotes: [Money]
    /// The SSP protocol version to request.
    public var protocolVersion: Int
    /// How long a note may wait in escrow before the device returns it by itself.
    public var escrowTimeout: Duration

    /// Creates the value.
    public init(sspAddress: Int, currency: String, acceptedNotes: [Money], protocolVersion: Int, escrowTimeout: Duration) {
        self.sspAddress = sspAddress
        self.currency = currency
        self.acceptedNotes = acceptedNotes
        self.protocolVersion = protocolVersion
        self.escrowTimeout = escrowTimeout
    }
}

/// Payment-code scanner capabilities.
public struct PaymentCodeScannerCapabilities: Hashable, Sendable {
    /// Silence after which a code without terminator is taken as complete.
    public var interCharacterTimeout: Duration

    /// Creates the value.
    public init(interCharacterTimeout: Duration) {
        self.interCharacterTimeout = interCharacterTimeout
    }
}
