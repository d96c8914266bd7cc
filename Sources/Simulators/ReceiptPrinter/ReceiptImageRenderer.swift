import COneTripCairo
import COneTripQRencode

/// Draws a printed receipt as a PNG, one image pixel per printer dot, for people to look at:
/// text in Noto Sans Mono CJK (half-width Latin, full-width Chinese, as the print head lays them
/// out), real QR codes (libqrencode) and CODE128 bars, and bit images dot for dot.
public enum ReceiptImageRenderer {
    /// The font family (Debian package `fonts-noto-cjk`).
    public static let fontFamily = "Noto Sans Mono CJK SC"
    static let margin = 16

    /// Why a receipt could not be drawn.
    public enum RenderError: Error, Hashable, Sendable, CustomStringConvertible {
        /// cairo could not create or write the image.
        case cairo(String)

        public var description: String {
            switch self {
            case .cairo(let detail): "cannot draw the receipt image: \(detail)"
            }
        }
    }

    /// Writes the receipt as a PNG file.
    public static func writePNG(_ receipt: PrintedReceipt, to path: String) throws(RenderError) {
        let height = self.layoutHeight(receipt)
        let width = receipt.dotsPerLine + 2 * self.margin
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw .cairo("no image surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard let context = cairo_create(surface) else { throw .cairo("no drawing context") }
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 0.85, 0.85, 0.85)
        cairo_paint(context)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_rectangle(context, Double(self.margin), 0, Double(receipt.dotsPerLine), Double(height))
        cairo_fill(context)
        var y = self.margin
        for line in receipt.lines {
            y += self.draw(line, in: context, top: y, dotsPerLine: receipt.dotsPerLine)
        }
        if receipt.cut != nil {
            cairo_set_source_rgb(context, 0.6, 0.6, 0.6)
            cairo_set_dash(context, [6, 4], 2, 0)
            cairo_move_to(context, 0, Double(height) - 2)
            cairo_line_to(context, Double(width), Double(height) - 2)
            cairo_stroke(context)
        }
        cairo_surface_flush(surface)
        let status = cairo_surface_write_to_png(surface, path)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo("writing \(path): \(String(cString: cairo_status_to_string(status)))") }
    }

    /// The image height for a receipt.
    static func layoutHeight(_ receipt: PrintedReceipt) -> Int {
        receipt.lines.reduce(2 * self.margin) { $0 + self.height(of: $1) }
    }

    static func height(of line: PrintedLine) -> Int {
        switch line {
        case .text(let text): max(text.height + 6, text.lineSpacing)
        case .qrCode(let code): ((self.qrModules(code) ?? 21) + 8) * code.moduleSize  // 4-module quiet zone above and below
        case .barcode(let barcode): barcode.height + (barcode.textPosition == 0 ? 8 : 32 * (barcode.textPosition == 3 ? 2 : 1))
        case .image(let image): image.height * image.scaleY
        case .dotFeed(let dots): dots
        }
    }

    private static func left(alignment: UInt8, width: Int, dotsPerLine: Int) -> Int {
        let free = max(0, dotsPerLine - width)
        return self.margin + (alignment == 1 ? free / 2 : alignment == 2 ? free : 0)
    }

    private static func draw(_ line: PrintedLine, in context: OpaquePointer, top: Int, dotsPerLine: Int) -> Int {
        let height = self.height(of: line)
        switch line {
        case .text(let text):
            var x = self.margin + text.leftMargin + text.indent
            let baseline = top + height - 6
            for glyph in text.glyphs {
                self.draw(glyph, in: context, x: x, bottom: baseline)
                x += glyph.width
            }
        case .qrCode(let code):
            guard let modules = self.qrMatrix(code) else { break }
            let side = modules.count * code.moduleSize
            let x = self.left(alignment: code.alignment, width: side, dotsPerLine: dotsPerLine)
            cairo_set_source_rgb(context, 0, 0, 0)
            for (row, columns) in modules.enumerated() {
                for (column, isBlack) in columns.enumerated() where isBlack {
                    cairo_rectangle(
                        context, Double(x + column * code.moduleSize), Double(top + 4 * code.moduleSize + row * code.moduleSize), Double(code.moduleSize),
                        Double(code.moduleSize))
                }
            }
            cairo_fill(context)
        case .barcode(let barcode):
            self.draw(barcode, in: context, top: top, dotsPerLine: dotsPerLine)
        case .image(let image):
            let x = self.left(alignment: image.alignment, width: image.width * image.scaleX, dotsPerLine: dotsPerLine)
            cairo_set_source_rgb(context, 0, 0, 0)
            for row in 0..<image.height {
                for column in 0..<image.width where image.isBlack(x: column, y: row) {
                    cairo_rectangle(context, Double(x + column * image.scaleX), Double(top + row * image.scaleY), Double(image.scaleX), Double(image.scaleY))
                }
            }
            cairo_fill(context)
        case .dotFeed:
            break
        }
        return height
    }

    private static func draw(_ glyph: PrintedGlyph, in context: OpaquePointer, x: Int, bottom: Int) {
        let top = bottom - glyph.height
        if glyph.isReversed {
            cairo_set_source_rgb(context, 0, 0, 0)
            cairo_rectangle(context, Double(x), Double(top), Double(glyph.width), Double(glyph.height))
            cairo_fill(context)
        }
        guard glyph.character != " " else { return }
        cairo_save(context)
        cairo_translate(context, Double(x), Double(top))
        cairo_scale(context, Double(glyph.scaleX), Double(glyph.scaleY))
        let shade: Double = glyph.isReversed ? 1 : 0
        cairo_set_source_rgb(context, shade, shade, shade)
        if let layout = pango_cairo_create_layout(context) {
            let baseHeight = glyph.height / glyph.scaleY
            let font = pango_font_description_new()
            pango_font_description_set_family(font, self.fontFamily)
            pango_font_description_set_absolute_size(font, Double(baseHeight - 3) * 1024)
            pango_font_description_set_weight(font, glyph.isBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            pango_layout_set_font_description(layout, font)
            pango_layout_set_text(layout, glyph.character, -1)
            pango_cairo_show_layout(context, layout)
            pango_font_description_free(font)
            g_object_unref(UnsafeMutableRawPointer(layout))
        }
        if glyph.isUnderlined {
            cairo_rectangle(context, 0, Double(glyph.height / glyph.scaleY) - 2, Double(glyph.width / glyph.scaleX), 1)
            cairo_fill(context)
        }
        cairo_restore(context)
    }

    private static func draw(_ barcode: PrintedBarcode, in context: OpaquePointer, top: Int, dotsPerLine: Int) {
        let module = max(1, barcode.moduleWidth)
        let runs = barcode.system == 73 ? Code128Pattern.runs(for: barcode.data) : nil
        let width = (runs?.reduce(0) { $0 + $1.modules } ?? 11 * (barcode.data.count + 3)) * module
        let x = self.left(alignment: barcode.alignment, width: width, dotsPerLine: dotsPerLine)
        let barsTop = top + (barcode.textPosition == 1 || barcode.textPosition == 3 ? 32 : 4)
        cairo_set_source_rgb(context, 0, 0, 0)
        if let runs {
            var position = x
            for run in runs {
                if run.isBar { cairo_rectangle(context, Double(position), Double(barsTop), Double(run.modules * module), Double(barcode.height)) }
                position += run.modules * module
            }
            cairo_fill(context)
        } else {
            // Symbologies other than CODE128 are drawn as an outlined box, clearly not scannable.
            cairo_rectangle(context, Double(x), Double(barsTop), Double(width), Double(barcode.height))
            cairo_stroke(context)
        }
        guard barcode.textPosition != 0, let layout = pango_cairo_create_layout(context) else { return }
        let font = pango_font_description_new()
        pango_font_description_set_family(font, self.fontFamily)
        pango_font_description_set_absolute_size(font, 20 * 1024)
        pango_layout_set_font_description(layout, font)
        pango_layout_set_text(layout, barcode.humanReadable, -1)
        var textWidth: Int32 = 0
        var textHeight: Int32 = 0
        pango_layout_get_pixel_size(layout, &textWidth, &textHeight)
        let textX = x + max(0, (width - Int(textWidth)) / 2)
        if barcode.textPosition == 1 || barcode.textPosition == 3 {
            cairo_move_to(context, Double(textX), Double(top + 4))
            pango_cairo_show_layout(context, layout)
        }
        if barcode.textPosition >= 2 {
            cairo_move_to(context, Double(textX), Double(barsTop + barcode.height + 4))
            pango_cairo_show_layout(context, layout)
        }
        pango_font_description_free(font)
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// The QR symbol's modules (libqrencode, byte mode), or `nil` if it cannot be built.
    static func qrMatrix(_ code: PrintedQRCode) -> [[Bool]]? {
        let level: QRecLevel
        switch code.errorCorrection {
        case 0x31: level = QR_ECLEVEL_M
        case 0x32: level = QR_ECLEVEL_Q
        case 0x33: level = QR_ECLEVEL_H
        default: level = QR_ECLEVEL_L
        }
        guard let symbol = code.payload.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, level) }) else {
            return nil
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let data = symbol.pointee.data!
        return (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    static func qrModules(_ code: PrintedQRCode) -> Int? {
        self.qrMatrix(code)?.count
    }
}
