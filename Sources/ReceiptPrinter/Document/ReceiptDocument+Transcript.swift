import DeviceKit

extension ReceiptDocument {
    /// What the paper reads once this document is printed on a printer with `capabilities`: one
    /// string per cut-off receipt (plus one for text after the last cut), lines separated by
    /// `\n`.
    ///
    /// The transcript is the contract the receipt-printer simulator renders against, so both
    /// sides follow the same rules:
    /// - a text line is placed as the printer places it: wrapped at the character that no longer
    ///   fits the dots per line, each piece preceded by the spaces its alignment leaves
    ///   (in 12-dot Font A columns, rounded down), trailing spaces dropped;
    /// - a native QR code reads `[QR] payload`; a QR code a printer without `GS ( k` receives
    ///   as a raster image reads `[IMAGE widthxheight]` (dots); a barcode reads `[CODE128] data`;
    /// - a feed of n lines is n empty lines; blank lines at the end of a receipt are dropped.
    public func transcript(for capabilities: ReceiptPrinterCapabilities) -> [String] {
        var receipts: [String] = []
        var lines: [String] = []
        func close() {
            while lines.last?.isEmpty == true { lines.removeLast() }
            receipts.append(lines.joined(separator: "\n"))
            lines = []
        }
        for element in self.resolved(columns: capabilities.columns) {
            switch element {
            case .text(let text, let style):
                lines += Self.placedLines(text, style: style, dotsPerLine: capabilities.dotsPerLine)
            case .qrCode(let code):
                if capabilities.hasNativeQR {
                    lines.append("[QR] \(code.payload)")
                } else if let raster = try? QRRaster(code) {
                    lines.append("[IMAGE \(raster.widthBytes * 8)x\(raster.height)]")
                }
            case .barcode(let barcode):
                lines.append("[CODE128] \(barcode.data)")
            case .feed(let count):
                lines += Array(repeating: "", count: count)
            case .cut:
                lines += Array(repeating: "", count: capabilities.feedLinesBeforeCut)
                if capabilities.cutter != .none { close() }
            }
        }
        if lines.contains(where: { !$0.isEmpty }) { close() }
        return receipts
    }

    /// One text element as printed lines.
    static func placedLines(_ text: String, style: ReceiptTextStyle, dotsPerLine: Int) -> [String] {
        let dotsPerColumn = 12 * style.size.width
        let pieces = PrintWidth.hardWrap(text, capacity: dotsPerLine / dotsPerColumn)
        return pieces.map { piece in
            let free = dotsPerLine - PrintWidth.columns(of: piece) * dotsPerColumn
            let padDots: Int
            switch style.alignment {
            case .left: padDots = 0
            case .center: padDots = free / 2
            case .right: padDots = free
            }
            return PrintWidth.trimmingTrailingSpaces(String(repeating: " ", count: max(0, padDots) / 12) + piece)
        }
    }
}
