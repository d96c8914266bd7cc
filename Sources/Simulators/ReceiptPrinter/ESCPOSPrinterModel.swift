import DeviceKit

/// The simulated printer's mechanism: executes decoded commands, lays text out on the paper as
/// a real print head would, cuts receipts off, and answers status requests. Pure: commands in,
/// reply bytes out; no I/O.
///
/// Real-time commands (`DLE EOT`) are answered at once, in any state. When the printer stops
/// (paper end, cover open, cutter jam, unrecoverable error) every other command is held, as in a
/// real printer's receive buffer, and runs when the fault is cleared; so a `GS r` sent after a
/// job is only answered once everything before it has printed (research A.9, A.10).
public struct ESCPOSPrinterModel: Sendable {
    /// What the simulated printer is.
    public struct Configuration: Hashable, Sendable {
        /// Printable dots per line.
        public var dotsPerLine: Int
        /// The cutter fitted.
        public var cutter: ReceiptPrinterCapabilities.Cutter
        /// Whether `GS ( k` QR printing is supported.
        public var hasNativeQR: Bool
        /// Whether the firmware has Chinese (GB) fonts and `FS &` / `FS .`.
        public var hasChineseMode: Bool
        /// Whether Chinese mode is on after power-on and `ESC @` (Chinese-market firmware: research A.4
        /// [CN-FS SP91]; what `ESC @` does to the mode is vendor-specific [uncertain]).
        public var chineseModeAtPowerOn: Bool

        /// A printer as a profile describes it.
        public init(capabilities: ReceiptPrinterCapabilities, chineseModeAtPowerOn: Bool? = nil) {
            self.dotsPerLine = capabilities.dotsPerLine
            self.cutter = capabilities.cutter
            self.hasNativeQR = capabilities.hasNativeQR
            self.hasChineseMode = capabilities.hasChineseMode && capabilities.encoding != "ascii"
            self.chineseModeAtPowerOn = chineseModeAtPowerOn ?? self.hasChineseMode
        }
    }

    /// The character and layout modes the commands set.
    struct PrintMode {
        var alignment: UInt8 = 0
        var isFontB = false
        var isBold = false
        var isUnderlined = false
        var isReversed = false
        var scaleX = 1
        var scaleY = 1
        var isChinese: Bool
        var codePage: UInt8 = 0
        var lineSpacing = 30
        var leftMargin = 0
        var printAreaWidth: Int?
        var tabStops: [Int] = []
    }

    /// Settings of the next QR symbol (`GS ( k` functions 165, 167, 169, 180).
    struct QRState {
        var model: UInt8 = 0x32
        var moduleSize = 3
        var errorCorrection: UInt8 = 0x30
        var data: [UInt8] = []
    }

    /// Settings of the next barcode (`GS h`, `GS w`, `GS H`).
    struct BarcodeSettings {
        var height = 162
        var moduleWidth = 3
        var textPosition: UInt8 = 0
    }

    /// What the printer is.
    public let configuration: Configuration
    /// The sensors and faults.
    public internal(set) var sensors = PrinterSensors()
    /// Receipts cut off so far.
    public internal(set) var receipts: [PrintedReceipt] = []
    /// The paper printed since the last cut, still attached.
    public internal(set) var current: PrintedReceipt
    /// Things a technician should know: lines that overflowed, invalid codes, unsupported features.
    public internal(set) var notes: [String] = []
    /// Commands received while stopped, waiting to run.
    public internal(set) var held: [ESCPOSCommand] = []
    /// Cut commands ignored because no cutter is fitted.
    public internal(set) var ignoredCuts = 0

    var mode: PrintMode
    var line: PrintedTextLine
    var pendingLead: UInt8?
    var qr = QRState()
    var barcode = BarcodeSettings()
    var storedGraphics: PrintedImage?
    var automaticStatusBackMask: UInt8 = 0
    /// Set after an `ESC *` band: the `LF` that follows it prints the band, not a blank line.
    var skipLineFeedAfterBand = false

    /// Powers the printer on.
    public init(configuration: Configuration) {
        self.configuration = configuration
        self.mode = PrintMode(isChinese: configuration.chineseModeAtPowerOn)
        self.current = PrintedReceipt(dotsPerLine: configuration.dotsPerLine)
        self.line = PrintedTextLine(capacity: configuration.dotsPerLine)
    }

    /// Executes one command and returns the bytes the printer sends back.
    public mutating func execute(_ command: ESCPOSCommand) -> [UInt8] {
        if command.isRealTime { return self.executeRealTime(command) }
        if self.sensors.isOffline {
            self.held.append(command)
            return []
        }
        return self.apply(command)
    }

    /// Changes the sensors (load paper, open the cover…) and returns what the printer sends:
    /// Automatic Status Back when enabled and changed, and the replies of held commands that
    /// run now that the printer is back online.
    public mutating func updateSensors(_ change: (inout PrinterSensors) -> Void) -> [UInt8] {
        let before = self.sensors.automaticStatusBack
        change(&self.sensors)
        var replies: [UInt8] = []
        if self.automaticStatusBackMask != 0, self.sensors.automaticStatusBack != before, !self.sensors.isSilent {
            replies += self.sensors.automaticStatusBack
        }
        while !self.sensors.isOffline, !self.held.isEmpty {
            replies += self.apply(self.held.removeFirst())
        }
        return replies
    }

    /// Forgets printed receipts and notes (the printer keeps its modes and sensors).
    public mutating func clearOutput() {
        self.receipts.removeAll()
        self.notes.removeAll()
        self.current = PrintedReceipt(dotsPerLine: self.configuration.dotsPerLine)
    }

    mutating func note(_ text: String) {
        if self.notes.count < 1000 { self.notes.append(text) }
    }

    private mutating func executeRealTime(_ command: ESCPOSCommand) -> [UInt8] {
        switch command {
        case .realTimeStatus(let n):
            guard !self.sensors.isSilent else { return [] }
            guard let reply = self.sensors.realTimeReply(n) else {
                self.note("DLE EOT \(n) is not a status request (1…4); no reply")
                return []
            }
            return [reply]
        case .realTimeRequest(let n):
            self.note("DLE ENQ \(n) ignored (not simulated)")
        case .realTimePulse:
            self.note("DLE DC4 drawer pulse ignored (a kiosk has no cash drawer)")
        default:
            break
        }
        return []
    }
}
