extension ESCPOSPrinterModel {
    /// `GS ( k`: QR code functions when cn = 0x31 (research A.5).
    mutating func symbol(cn: UInt8, fn: UInt8, parameters: [UInt8]) -> [UInt8] {
        guard cn == 0x31 else {
            self.note("GS ( k cn=\(cn): only QR codes (cn 49) are simulated; ignored")
            return []
        }
        switch fn {
        case 0x41:  // 165: select model
            guard let model = parameters.first, (0x31...0x33).contains(model) else {
                self.note("GS ( k 165: model \(parameters.first.map(String.init) ?? "missing") is not 49, 50 or 51")
                return []
            }
            self.qr.model = model
        case 0x43:  // 167: module size
            guard let size = parameters.first, (1...16).contains(size) else {
                self.note("GS ( k 167: module size \(parameters.first.map(String.init) ?? "missing") is not 1…16")
                return []
            }
            self.qr.moduleSize = Int(size)
        case 0x45:  // 169: error correction
            guard let level = parameters.first, (0x30...0x33).contains(level) else {
                self.note("GS ( k 169: error correction \(parameters.first.map(String.init) ?? "missing") is not 48…51")
                return []
            }
            self.qr.errorCorrection = level
        case 0x50:  // 180: store data, m = 0x30
            guard parameters.first == 0x30 else {
                self.note("GS ( k 180: m must be 48")
                return []
            }
            self.qr.data = Array(parameters.dropFirst())
        case 0x51:  // 181: print
            self.finishTextLine(before: "a QR code")
            guard !self.qr.data.isEmpty else {
                self.note("GS ( k 181: no QR data stored; nothing printed")
                return []
            }
            guard self.configuration.hasNativeQR else {
                self.note("GS ( k: this printer has no native QR; nothing printed")
                return []
            }
            self.putOnPaper(
                .qrCode(
                    PrintedQRCode(
                        payload: self.qr.data, model: self.qr.model, moduleSize: self.qr.moduleSize, errorCorrection: self.qr.errorCorrection,
                        alignment: self.mode.alignment)))
        default:
            self.note("GS ( k fn=\(fn): QR function not simulated (size information and others); ignored")
        }
        return []
    }

    /// `GS k`: barcodes (research A.6).
    mutating func printBarcode(system: UInt8, data: [UInt8]) {
        self.finishTextLine(before: "a barcode")
        if system == 73, !(data.count >= 2 && data[0] == 0x7B && (0x41...0x43).contains(data[1])) {
            self.note("GS k 73: CODE128 data must start with a code set selector {A, {B or {C (research A.6)")
        }
        self.putOnPaper(
            .barcode(
                PrintedBarcode(
                    system: system, data: data, height: self.barcode.height, moduleWidth: self.barcode.moduleWidth,
                    textPosition: self.barcode.textPosition, alignment: self.mode.alignment)))
    }

    /// `GS V`, `ESC i`, `ESC m`: cuts the receipt off (research A.8), unless no cutter is fitted
    /// (then it is ignored, as on a real printer) or the cutter jams (then the printer stops with
    /// an auto-cutter error and the receipt stays attached).
    mutating func cut(partial: Bool) {
        self.finishTextLine(before: "a cut")
        guard self.configuration.cutter != .none else {
            self.ignoredCuts += 1
            return
        }
        if self.sensors.jamsAtNextCut {
            self.sensors.jamsAtNextCut = false
            self.sensors.hasCutterError = true
            self.note("the cutter jammed; the receipt is still attached")
            return
        }
        let fitted: PrintedReceipt.Cut = self.configuration.cutter == .full ? .full : partial ? .partial : .full
        self.current.cut = fitted
        self.receipts.append(self.current)
        self.current = PrintedReceipt(dotsPerLine: self.configuration.dotsPerLine)
    }

    /// A bit image block, scaled.
    mutating func printImage(width: Int, height: Int, bits: [UInt8], scaleX: Int, scaleY: Int) {
        self.finishTextLine(before: "an image")
        guard width > 0, height > 0 else { return }
        if width * scaleX > self.capacity { self.note("an image \(width * scaleX) dots wide is cut at the paper edge (\(self.capacity) dots)") }
        self.putOnPaper(.image(PrintedImage(width: width, height: height, bits: bits, scaleX: scaleX, scaleY: scaleY, alignment: self.mode.alignment)))
    }

    /// `GS ( L` / `GS 8 L`: function 112 stores a raster graphic, function 50 prints it.
    mutating func graphics(fn: UInt8, parameters: [UInt8]) {
        switch fn {
        case 0x70:
            // m a bx by c xL xH yL yH d1…dk (python-escpos `image(impl="graphics")`).
            guard parameters.count >= 9 else {
                self.note("GS ( L 112: header too short")
                return
            }
            let width = Int(parameters[5]) | Int(parameters[6]) << 8
            let height = Int(parameters[7]) | Int(parameters[8]) << 8
            let data = Array(parameters[9...])
            guard data.count >= (width + 7) / 8 * height else {
                self.note("GS ( L 112: \(data.count) data bytes for a \(width)×\(height) image")
                return
            }
            self.storedGraphics = PrintedImage(
                width: width, height: height, bits: data, scaleX: parameters[2] == 2 ? 2 : 1, scaleY: parameters[3] == 2 ? 2 : 1, alignment: 0)
        case 0x32, 0x02:
            guard let image = self.storedGraphics else {
                self.note("GS ( L 50: no graphics stored; nothing printed")
                return
            }
            self.printImage(width: image.width, height: image.height, bits: image.bits, scaleX: image.scaleX, scaleY: image.scaleY)
        default:
            self.note("GS ( L fn=\(fn): graphics function not simulated; ignored")
        }
    }

    /// `ESC * m nL nH d…`: one band of a column bit image. Bands printed one under the other
    /// (python-escpos `impl="bitImageColumn"`) are joined into one image.
    mutating func printColumnImage(mode: UInt8, width: Int, data: [UInt8]) {
        self.finishTextLine(before: "a column image")
        let bandHeight = mode >= 32 ? 24 : 8
        let bytesPerColumn = bandHeight / 8
        let rowBytes = (width + 7) / 8
        var bits = [UInt8](repeating: 0, count: rowBytes * bandHeight)
        for column in 0..<width {
            for byteIndex in 0..<bytesPerColumn {
                let value = data[column * bytesPerColumn + byteIndex]
                for bit in 0..<8 where value & (0x80 >> UInt8(bit)) != 0 {
                    let row = byteIndex * 8 + bit
                    bits[row * rowBytes + column / 8] |= 0x80 >> UInt8(column % 8)
                }
            }
        }
        let scaleX = mode == 0 || mode == 32 ? 2 : 1
        if case .image(var previous) = self.current.lines.last, previous.width == width, previous.scaleX == scaleX, previous.scaleY == 1 {
            previous.bits += bits
            previous.height += bandHeight
            self.current.lines[self.current.lines.count - 1] = .image(previous)
            self.skipLineFeedAfterBand = true
            return
        }
        self.printImage(width: width, height: bandHeight, bits: bits, scaleX: scaleX, scaleY: 1)
        self.skipLineFeedAfterBand = true
    }
}
