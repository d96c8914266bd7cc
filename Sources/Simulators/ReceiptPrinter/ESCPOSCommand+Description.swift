extension ESCPOSCommand: CustomStringConvertible {
    /// The command as a technician reads it in a manual: `ESC a 1`, `GS ( k QR store 38 bytes`,
    /// `text "缴费凭条"` (data shown as GB18030 where it decodes, as hex otherwise).
    public var description: String {
        switch self {
        case .printData(let bytes): "text \"\(Self.readable(bytes))\""
        case .lineFeed: "LF"
        case .carriageReturn: "CR"
        case .horizontalTab: "HT"
        case .formFeed: "FF"
        case .cancel: "CAN"
        case .null: "NUL"
        case .initialize: "ESC @ (initialize)"
        case .selectPrintMode(let n): "ESC ! \(n) (print mode)"
        case .setEmphasis(let n): "ESC E \(n) (emphasis)"
        case .setDoubleStrike(let n): "ESC G \(n) (double strike)"
        case .setUnderline(let n): "ESC - \(n) (underline)"
        case .setAlignment(let n): "ESC a \(n) (\(["left", "centre", "right"][Int(n % 48) < 3 ? Int(n % 48) : 0]))"
        case .selectFont(let n): "ESC M \(n) (font)"
        case .printAndFeedLines(let n): "ESC d \(n) (print and feed \(n) lines)"
        case .printAndReverseFeedLines(let n): "ESC e \(n) (reverse feed)"
        case .printAndFeedDots(let n): "ESC J \(n) (feed \(n) dots)"
        case .setDefaultLineSpacing: "ESC 2 (default line spacing)"
        case .setLineSpacing(let command, let n): "ESC \(Character(UnicodeScalar(command))) \(n) (line spacing)"
        case .selectCodePage(let n): "ESC t \(n) (code page)"
        case .selectInternationalCharacterSet(let n): "ESC R \(n) (character set)"
        case .setUpsideDown(let n): "ESC { \(n) (upside down)"
        case .setRotation(let n): "ESC V \(n) (rotation)"
        case .selectColor(let n): "ESC r \(n) (colour)"
        case .selectPeripheral(let n): "ESC = \(n) (peripheral)"
        case .generatePulse(let pin, let on, let off): "ESC p \(pin) \(on) \(off) (drawer pulse)"
        case .buzzer(let times, let duration): "ESC B \(times) \(duration) (buzzer)"
        case .setPanelOrSensors(let function, let n): "ESC c \(Character(UnicodeScalar(function))) \(n)"
        case .setTabStops(let stops): "ESC D \(stops.map(String.init).joined(separator: " ")) NUL (tab stops)"
        case .setCharacterSpacing(let n): "ESC SP \(n) (character spacing)"
        case .setAbsolutePosition(let dots): "ESC $ \(dots) (absolute position)"
        case .setRelativePosition(let dots): "ESC \\ \(dots) (relative position)"
        case .setUnidirectional(let n): "ESC U \(n)"
        case .cancelUserDefinedCharacter(let n): "ESC ? \(n)"
        case .legacyCut(let partial): partial ? "ESC m (partial cut)" : "ESC i (full cut)"
        case .columnImage(let mode, let width, _): "ESC * \(mode) (column image, \(width) dots wide)"
        case .setCharacterSize(let n): "GS ! \(Self.hex(n)) (size \(n >> 4 + 1)×\(n & 0x0F + 1))"
        case .setReverse(let n): "GS B \(n) (reverse)"
        case .setSmoothing(let n): "GS b \(n) (smoothing)"
        case .setDensity(let n): "GS | \(n) (density)"
        case .setBarcodeHeight(let n): "GS h \(n) (barcode height)"
        case .setBarcodeModuleWidth(let n): "GS w \(n) (barcode module width)"
        case .setBarcodeTextPosition(let n): "GS H \(n) (barcode text position)"
        case .setBarcodeTextFont(let n): "GS f \(n) (barcode text font)"
        case .printBarcode(let system, let data): "GS k \(system) (barcode \"\(Self.readable(data))\")"
        case .cut(let mode, let feed): "GS V \(mode)\(feed.map { " \($0)" } ?? "") (\([1, 49, 66, 98, 104].contains(mode) ? "partial" : "full") cut)"
        case .symbol(let cn, let fn, let parameters): "GS ( k cn=\(cn) fn=\(fn) (\(Self.qrFunction(cn: cn, fn: fn, parameters: parameters)))"
        case .graphics(let fn, let parameters): "GS ( L fn=\(fn) (graphics, \(parameters.count) bytes)"
        case .rasterImage(let mode, let widthBytes, let height, _): "GS v 0 \(mode) (raster image \(widthBytes * 8)×\(height) dots)"
        case .setLeftMargin(let dots): "GS L \(dots) (left margin)"
        case .setPrintAreaWidth(let dots): "GS W \(dots) (print area width)"
        case .setMotionUnits(let x, let y): "GS P \(x) \(y) (motion units)"
        case .transmitStatus(let n): "GS r \(n) (transmit status)"
        case .enableAutomaticStatusBack(let n): "GS a \(n) (automatic status back)"
        case .transmitPrinterID(let n): "GS I \(n) (printer ID)"
        case .selectChineseMode: "FS & (Chinese mode on)"
        case .cancelChineseMode: "FS . (Chinese mode off)"
        case .setChinesePrintMode(let n): "FS ! \(n) (Chinese print mode)"
        case .setChineseUnderline(let n): "FS - \(n) (Chinese underline)"
        case .setChineseQuadrupleSize(let n): "FS W \(n) (Chinese quadruple size)"
        case .setChineseSpacing(let left, let right): "FS S \(left) \(right) (Chinese spacing)"
        case .selectChineseCodeSystem(let n): "FS C \(n) (code system)"
        case .printNVImage(let n, let m): "FS p \(n) \(m) (NV image)"
        case .realTimeStatus(let n): "DLE EOT \(n) (real-time status)"
        case .realTimeRequest(let n): "DLE ENQ \(n) (real-time request)"
        case .realTimePulse(let pin, let time): "DLE DC4 1 \(pin) \(time) (real-time pulse)"
        }
    }

    private static func qrFunction(cn: UInt8, fn: UInt8, parameters: [UInt8]) -> String {
        guard cn == 0x31 else { return "2D symbol" }
        switch fn {
        case 0x41: return "QR model \(parameters.first.map { Int($0) - 48 } ?? 0)"
        case 0x43: return "QR module size \(parameters.first ?? 0)"
        case 0x45: return "QR error correction \(["L", "M", "Q", "H"][Int((parameters.first ?? 0x30) & 3)])"
        case 0x50: return "QR store \(max(0, parameters.count - 1)) bytes \"\(Self.readable(Array(parameters.dropFirst())))\""
        case 0x51: return "QR print"
        default: return "QR function \(fn)"
        }
    }

    /// Data as text: ASCII as is, GB18030 pairs decoded, anything else as `<XX>`.
    static func readable(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x7F {
                text.append(Character(UnicodeScalar(byte)))
                index += 1
            } else if index + 1 < bytes.count, let character = PrinterCharacterSet.gbCharacter(lead: byte, trail: bytes[index + 1]) {
                text += character
                index += 2
            } else {
                text += "<\(Self.hex(byte))>"
                index += 1
            }
        }
        return text
    }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
