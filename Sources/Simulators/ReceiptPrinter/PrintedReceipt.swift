/// What came out of the simulated printer: a strip of paper from one cut to the next.
public struct PrintedReceipt: Hashable, Sendable {
    /// The printed lines and blocks, top to bottom.
    public var lines: [PrintedLine] = []
    /// How it was cut off (`nil` while still attached).
    public var cut: Cut?
    /// The printable width, in dots, it was printed with.
    public var dotsPerLine: Int

    /// How a receipt was cut.
    public enum Cut: String, Hashable, Sendable {
        case full, partial
    }

    /// Creates an empty strip.
    public init(dotsPerLine: Int) {
        self.dotsPerLine = dotsPerLine
    }

    /// Whether anything was printed on it.
    public var isBlank: Bool {
        self.lines.allSatisfy { line in
            switch line {
            case .text(let text): text.glyphs.allSatisfy { $0.character == " " }
            case .dotFeed: true
            case .qrCode, .barcode, .image: false
            }
        }
    }

    /// The text a person reads, by the rules of OneTrip's receipt transcript (see
    /// `ReceiptDocument.transcript(for:)`): each text line preceded by the spaces its alignment
    /// leaves in 12-dot columns, trailing spaces dropped; `[QR] payload`, `[CODE128] data`,
    /// `[IMAGE wxh]` for blocks; blank lines at the end dropped.
    public var transcript: String {
        var rendered: [String] = []
        for line in self.lines {
            switch line {
            case .text(let text):
                rendered.append(text.transcript)
            case .qrCode(let code):
                rendered.append("[QR] \(String(decoding: code.payload, as: UTF8.self))")
            case .barcode(let barcode):
                rendered.append("[\(barcode.symbologyName)] \(barcode.humanReadable)")
            case .image(let image):
                rendered.append("[IMAGE \(image.width)x\(image.height)]")
            case .dotFeed:
                continue
            }
        }
        while rendered.last?.isEmpty == true { rendered.removeLast() }
        return rendered.joined(separator: "\n")
    }
}

/// One printed line or block.
public enum PrintedLine: Hashable, Sendable {
    /// A line of text (possibly empty: a blank line).
    case text(PrintedTextLine)
    /// A QR code.
    case qrCode(PrintedQRCode)
    /// A barcode.
    case barcode(PrintedBarcode)
    /// A bit image (raster, column or graphics).
    case image(PrintedImage)
    /// Paper fed by a number of dots without printing (`ESC J`).
    case dotFeed(Int)
}

/// A line of text as the print head laid it out.
public struct PrintedTextLine: Hashable, Sendable {
    /// The characters, left to right.
    public var glyphs: [PrintedGlyph] = []
    /// Where the line sits.
    public var alignment: UInt8 = 0
    /// The printable width, in dots.
    public var capacity: Int
    /// The dots before the printable area (`GS L`).
    public var leftMargin: Int = 0
    /// Line spacing in dots.
    public var lineSpacing: Int = 30

    /// The width of the text, in dots.
    public var width: Int { self.glyphs.reduce(0) { $0 + $1.width } }

    /// The dots left of the first glyph, inside the printable area.
    public var indent: Int {
        let free = max(0, self.capacity - self.width)
        switch self.alignment {
        case 1: return free / 2
        case 2: return free
        default: return 0
        }
    }

    /// The line as text: alignment padding in 12-dot columns, then the characters.
    public var transcript: String {
        var text = String(repeating: " ", count: self.indent / 12) + self.glyphs.map(\.character).joined()
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The tallest glyph's height in dots (24 for an empty line).
    public var height: Int { self.glyphs.map(\.height).max() ?? 24 }
}

/// One character on the paper.
public struct PrintedGlyph: Hashable, Sendable {
    /// What it shows (`\u{FFFD}` for a code the printer has no character for).
    public var character: String
    /// Width in dots, magnification included.
    public var width: Int
    /// Height in dots, magnification included.
    public var height: Int
    /// Whether it is a full-width (two-byte) character.
    public var isWide: Bool
    /// Emphasized.
    public var isBold: Bool
    /// Underlined.
    public var isUnderlined: Bool
    /// White on black.
    public var isReversed: Bool
    /// Horizontal and vertical magnification.
    public var scaleX: Int
    /// Vertical magnification.
    public var scaleY: Int
}

/// A QR code the printer drew with `GS ( k`.
public struct PrintedQRCode: Hashable, Sendable {
    /// The stored data.
    public var payload: [UInt8]
    /// Model (0x31 = 1, 0x32 = 2, 0x33 = micro).
    public var model: UInt8
    /// Module size in dots.
    public var moduleSize: Int
    /// Error correction (0x30…0x33 = L, M, Q, H).
    public var errorCorrection: UInt8
    /// Alignment when printed.
    public var alignment: UInt8
}

/// A barcode the printer drew with `GS k`.
public struct PrintedBarcode: Hashable, Sendable {
    /// `GS k` m as sent.
    public var system: UInt8
    /// The data as sent.
    public var data: [UInt8]
    /// Bar height in dots.
    public var height: Int
    /// Module width in dots.
    public var moduleWidth: Int
    /// Human-readable text position (0 none, 1 above, 2 below, 3 both).
    public var textPosition: UInt8
    /// Alignment when printed.
    public var alignment: UInt8

    /// The symbology's name.
    public var symbologyName: String {
        let names = ["UPC-A", "UPC-E", "EAN13", "EAN8", "CODE39", "ITF", "CODABAR", "CODE93", "CODE128", "GS1-128", "GS1 DATABAR OMNI", "GS1 DATABAR TRUNCATED", "GS1 DATABAR LIMITED", "GS1 DATABAR EXPANDED"]
        let index = self.system >= 65 ? Int(self.system) - 65 : Int(self.system)
        return index < names.count ? names[index] : "BARCODE \(self.system)"
    }

    /// The text under the bars: the data without CODE128 code-set selectors (`{A`, `{B`, `{C`).
    public var humanReadable: String {
        var bytes = self.data
        if self.system == 73 || self.system == 74 {
            var cleaned: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x7B, index + 1 < bytes.count, (0x41...0x43).contains(bytes[index + 1]) {
                    index += 2
                    continue
                }
                cleaned.append(bytes[index])
                index += 1
            }
            bytes = cleaned
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A bit image on the paper.
public struct PrintedImage: Hashable, Sendable {
    /// Width in dots (before magnification).
    public var width: Int
    /// Height in dots (before magnification).
    public var height: Int
    /// Row-major bits, `(width + 7) / 8` bytes a row, MSB leftmost, 1 = black.
    public var bits: [UInt8]
    /// Magnification.
    public var scaleX: Int
    /// Magnification.
    public var scaleY: Int
    /// Alignment when printed.
    public var alignment: UInt8

    /// Whether the dot at (x, y) is black.
    public func isBlack(x: Int, y: Int) -> Bool {
        let rowBytes = (self.width + 7) / 8
        return self.bits[y * rowBytes + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }
}
