import DeviceKit

/// Turns a ``ReceiptDocument`` into the ESC/POS bytes for one printer profile. Pure: no I/O.
///
/// Every job starts with `ESC @` and, on printers with a Chinese mode, `FS &`: the mode is
/// switched on explicitly for the whole job instead of guessing from the text (all text is sent
/// as GB18030, of which ASCII is a subset, so it never needs switching off; research A.4).
/// Style commands are sent only when a line's style differs from the previous one, so the
/// output is compact and deterministic (golden-tested byte for byte).
public struct ESCPOSEncoder: Sendable {
    /// What the printer can do.
    public let capabilities: ReceiptPrinterCapabilities
    /// The text encoder for the profile's character set.
    public let textEncoder: GB18030TextEncoder

    /// Creates an encoder.
    /// - Throws: ``ReceiptEncodingError/unsupportedEncoding(_:)`` for an unknown profile encoding.
    public init(capabilities: ReceiptPrinterCapabilities, unencodable policy: UnencodableCharacterPolicy = .fail) throws(ReceiptEncodingError) {
        self.capabilities = capabilities
        switch capabilities.encoding.lowercased() {
        case "gb18030", "gbk": self.textEncoder = GB18030TextEncoder(target: .gb18030, policy: policy)
        case "ascii": self.textEncoder = GB18030TextEncoder(target: .ascii, policy: policy)
        default: throw .unsupportedEncoding(capabilities.encoding)
        }
    }

    /// The bytes of a document, and what had to be replaced.
    public struct Output: Hashable, Sendable {
        /// The job, ready for the transport.
        public var bytes: [UInt8]
        /// Characters printed as `？` under ``UnencodableCharacterPolicy/substitute``.
        public var substituted: [Unicode.Scalar]
    }

    /// The mode the printer is in, as far as the encoder has set it.
    private struct PrinterMode: Equatable {
        var alignment = ReceiptTextStyle.Alignment.left
        var isEmphasized = false
        var isUnderlined = false
        var size = ReceiptTextSize.normal
    }

    /// Encodes a document.
    /// - Throws: ``ReceiptEncodingError``; nothing is sent when it throws.
    public func encode(_ document: ReceiptDocument) throws(ReceiptEncodingError) -> Output {
        var output = Output(bytes: ESCPOSCommandBytes.initialize, substituted: [])
        if self.capabilities.hasChineseMode, self.textEncoder.target == .gb18030 {
            output.bytes += ESCPOSCommandBytes.selectChineseMode
        }
        var mode = PrinterMode()
        for element in document.resolved(columns: self.capabilities.columns) {
            switch element {
            case .text(let text, let style):
                self.setMode(PrinterMode(alignment: style.alignment, isEmphasized: style.isEmphasized, isUnderlined: style.isUnderlined, size: style.size), from: &mode, into: &output.bytes)
                let encoded = try self.textEncoder.encode(text)
                output.bytes += encoded.bytes + ESCPOSCommandBytes.lineFeed
                output.substituted += encoded.substituted
            case .qrCode(let code):
                self.setAlignment(code.alignment, in: &mode, into: &output.bytes)
                output.bytes += try self.qrCode(code)
            case .barcode(let barcode):
                self.setAlignment(barcode.alignment, in: &mode, into: &output.bytes)
                output.bytes += try self.barcode(barcode)
            case .feed(let lines):
                output.bytes += ESCPOSCommandBytes.feed(lines: lines)
            case .cut:
                output.bytes += ESCPOSCommandBytes.feed(lines: self.capabilities.feedLinesBeforeCut)
                switch self.capabilities.cutter {
                case .partial: output.bytes += ESCPOSCommandBytes.cut(partial: true)
                case .full: output.bytes += ESCPOSCommandBytes.cut(partial: false)
                case .none: break
                }
            }
        }
        return output
    }

    private func setMode(_ wanted: PrinterMode, from mode: inout PrinterMode, into bytes: inout [UInt8]) {
        self.setAlignment(wanted.alignment, in: &mode, into: &bytes)
        if wanted.isEmphasized != mode.isEmphasized { bytes += ESCPOSCommandBytes.emphasis(wanted.isEmphasized) }
        if wanted.isUnderlined != mode.isUnderlined { bytes += ESCPOSCommandBytes.underline(wanted.isUnderlined) }
        if wanted.size != mode.size { bytes += ESCPOSCommandBytes.characterSize(wanted.size) }
        mode = wanted
    }

    private func setAlignment(_ alignment: ReceiptTextStyle.Alignment, in mode: inout PrinterMode, into bytes: inout [UInt8]) {
        if alignment != mode.alignment { bytes += ESCPOSCommandBytes.alignment(alignment) }
        mode.alignment = alignment
    }

    /// Native `GS ( k` (model 2, module size, error correction, store, print), or a raster image.
    private func qrCode(_ code: ReceiptQRCode) throws(ReceiptEncodingError) -> [UInt8] {
        let payload = Array(code.payload.utf8)
        guard !payload.isEmpty, payload.count <= ReceiptQRCode.maximumPayloadBytes else { throw .qrPayloadSize(bytes: payload.count) }
        guard self.capabilities.hasNativeQR else {
            let raster = try QRRaster(code)
            guard raster.widthBytes * 8 <= self.capabilities.dotsPerLine else {
                throw .tooWide(what: "QR code image", dots: raster.widthBytes * 8, dotsPerLine: self.capabilities.dotsPerLine)
            }
            return ESCPOSCommandBytes.rasterImage(widthBytes: raster.widthBytes, height: raster.height, bits: raster.bits)
        }
        return ESCPOSCommandBytes.qrSelectModel2 + ESCPOSCommandBytes.qrModuleSize(code.moduleSize)
            + ESCPOSCommandBytes.qrErrorCorrection(code.errorCorrection) + ESCPOSCommandBytes.qrStore(payload) + ESCPOSCommandBytes.qrPrint
    }

    private func barcode(_ barcode: ReceiptBarcode) throws(ReceiptEncodingError) -> [UInt8] {
        let data = Array(barcode.data.utf8)
        guard !data.isEmpty, data.count <= 253, data.allSatisfy({ (0x20..<0x7F).contains($0) }) else {
            throw .invalidBarcodeData(barcode.data)
        }
        let width = barcode.widthInDots
        guard width <= self.capabilities.dotsPerLine else {
            throw .tooWide(what: "barcode '\(barcode.data)'", dots: width, dotsPerLine: self.capabilities.dotsPerLine)
        }
        return ESCPOSCommandBytes.barcodeHeight(barcode.height) + ESCPOSCommandBytes.barcodeModuleWidth(barcode.moduleWidth)
            + ESCPOSCommandBytes.barcodeTextPosition(barcode.textPosition) + ESCPOSCommandBytes.code128(data)
    }
}

extension ReceiptBarcode {
    /// The printed width in dots, code set B: start, one symbol per character, check and stop
    /// symbols of 11 modules each, plus the 2-module stop bar.
    public var widthInDots: Int { (11 * (self.data.utf8.count + 3) + 2) * self.moduleWidth }
}
