/// One thing on a receipt, top to bottom.
public enum ReceiptElement: Hashable, Sendable {
    /// One line of text. A line wider than the paper wraps where the printer wraps it (at the
    /// character that no longer fits); use ``ReceiptDocument/appendParagraph(_:style:columns:)``
    /// to wrap at word boundaries instead.
    case text(String, ReceiptTextStyle)
    /// A label on the left and a value on the right of one line, lined up in printer columns
    /// (a Chinese character takes two). When both do not fit, the label takes one line and the
    /// value the lines below, word-wrapped and flush right. The style's alignment is ignored.
    case row(label: String, value: String, ReceiptTextStyle)
    /// A full-width rule made of one half-width character (`-`, `=`, `*`).
    case rule(Character)
    /// A QR code (native `GS ( k`, or a raster image on printers without it).
    case qrCode(ReceiptQRCode)
    /// A CODE128 barcode (`GS k`).
    case barcode(ReceiptBarcode)
    /// Blank lines (`ESC d n`).
    case feed(lines: Int)
    /// The end of a receipt: feed past the cutter, then cut as the printer's cutter can.
    case cut
}

/// A QR code on a receipt.
public struct ReceiptQRCode: Hashable, Sendable {
    /// QR error-correction levels; the raw values are `GS ( k` function 169's parameter (research A.5).
    public enum ErrorCorrection: UInt8, Hashable, Sendable, CaseIterable {
        /// About 7 % of the symbol may be lost (`0x30`).
        case low = 0x30
        /// About 15 % (`0x31`).
        case medium = 0x31
        /// About 25 % (`0x32`).
        case quartile = 0x32
        /// About 30 % (`0x33`).
        case high = 0x33
    }

    /// What the code holds (sent as UTF-8, as python-escpos does; research A.5).
    public var payload: String
    /// Dots per module, 1…16 (`GS ( k` function 167).
    public var moduleSize: Int
    /// Error correction.
    public var errorCorrection: ErrorCorrection
    /// Where the symbol sits (`ESC a` applies to it).
    public var alignment: ReceiptTextStyle.Alignment

    /// Creates a QR code. A module size outside 1…16 is clamped.
    public init(payload: String, moduleSize: Int = 4, errorCorrection: ErrorCorrection = .medium, alignment: ReceiptTextStyle.Alignment = .center) {
        self.payload = payload
        self.moduleSize = min(16, max(1, moduleSize))
        self.errorCorrection = errorCorrection
        self.alignment = alignment
    }

    /// The most bytes `GS ( k` function 180 can store: `pL + 256·pH ≤ 7092`, minus `cn fn m` (research A.5).
    public static let maximumPayloadBytes = 7089
}

/// A CODE128 barcode on a receipt (code set B: printable ASCII).
public struct ReceiptBarcode: Hashable, Sendable {
    /// Where the human-readable text goes (`GS H n`, research A.6).
    public enum TextPosition: UInt8, Hashable, Sendable, CaseIterable {
        /// No text.
        case none = 0
        /// Above the bars.
        case above = 1
        /// Below the bars.
        case below = 2
    }

    /// The data, printable ASCII only.
    public var data: String
    /// Bar height in dots, 1…255 (`GS h`).
    public var height: Int
    /// Narrow bar width in dots, 2…6 (`GS w`).
    public var moduleWidth: Int
    /// Human-readable text position.
    public var textPosition: TextPosition
    /// Where the barcode sits.
    public var alignment: ReceiptTextStyle.Alignment

    /// Creates a barcode. Height and module width are clamped to what `GS h` / `GS w` accept.
    public init(data: String, height: Int = 64, moduleWidth: Int = 2, textPosition: TextPosition = .below, alignment: ReceiptTextStyle.Alignment = .center) {
        self.data = data
        self.height = min(255, max(1, height))
        self.moduleWidth = min(6, max(2, moduleWidth))
        self.textPosition = textPosition
        self.alignment = alignment
    }
}
