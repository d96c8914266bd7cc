extension ESCPOSPrinterModel {
    /// Runs a buffered (not real-time) command on a printer that is online.
    mutating func apply(_ command: ESCPOSCommand) -> [UInt8] {
        switch command {
        case .printData(let bytes): self.printData(bytes)
        case .lineFeed: self.lineFeed()
        case .carriageReturn, .null, .cancel: break
        case .horizontalTab: self.horizontalTab()
        case .formFeed: if !self.line.glyphs.isEmpty { self.lineFeed() }
        case .initialize:
            self.mode = PrintMode(isChinese: self.configuration.chineseModeAtPowerOn)
            self.line = PrintedTextLine(capacity: self.capacity)
            self.pendingLead = nil
            self.qr = QRState()
            self.barcode = BarcodeSettings()
        case .selectPrintMode(let n):
            // ESC ! n: bit 0 font B, 3 emphasized, 4 double height, 5 double width, 7 underline (A.3).
            self.mode.isFontB = n & 0x01 != 0
            self.mode.isBold = n & 0x08 != 0
            self.mode.scaleY = n & 0x10 != 0 ? 2 : 1
            self.mode.scaleX = n & 0x20 != 0 ? 2 : 1
            self.mode.isUnderlined = n & 0x80 != 0
        case .setEmphasis(let n), .setDoubleStrike(let n): self.mode.isBold = n & 1 == 1
        case .setUnderline(let n): self.mode.isUnderlined = n != 0 && n != 48
        case .setAlignment(let n):
            switch n {
            case 0, 48: self.mode.alignment = 0
            case 1, 49: self.mode.alignment = 1
            case 2, 50: self.mode.alignment = 2
            default: self.note("ESC a \(n): not an alignment (0/1/2 or 48/49/50); ignored")
            }
            if self.line.glyphs.isEmpty { self.line.alignment = self.mode.alignment }
        case .selectFont(let n):
            self.mode.isFontB = n == 1 || n == 49 || n == 2 || n == 50
            if n == 2 || n == 50 { self.note("ESC M \(n): font C printed as font B") }
        case .printAndFeedLines(let n): for _ in 0..<n { self.lineFeed() }
        case .printAndReverseFeedLines: self.note("ESC e: reverse feed not simulated")
        case .printAndFeedDots(let n):
            if !self.line.glyphs.isEmpty { self.commitLine() }
            self.current.lines.append(.dotFeed(Int(n)))
        case .setDefaultLineSpacing: self.mode.lineSpacing = 30
        case .setLineSpacing(let command, let n):
            // ESC 3 n in 1/180 in, ESC + n in 1/360 in, ESC A n in 1/60 in ([PYE] LINESPACING_FUNCS).
            self.mode.lineSpacing = command == 0x2B ? Int(n) / 2 : command == 0x41 ? Int(n) * 3 : Int(n)
        case .selectCodePage(let n):
            self.mode.codePage = n
            if PrinterCharacterSet.codePages[n] == nil { self.note("ESC t \(n): code page not in this printer's table; high bytes print as ?") }
        case .setCharacterSize(let n):
            // GS ! n: n = ((w − 1) << 4) | (h − 1), w, h ∈ 1…8 (A.3).
            let width = Int(n >> 4) + 1
            let height = Int(n & 0x0F) + 1
            guard width <= 8, height <= 8 else {
                self.note("GS ! \(n): size \(width)×\(height) is out of range 1…8; ignored")
                break
            }
            self.mode.scaleX = width
            self.mode.scaleY = height
        case .setReverse(let n): self.mode.isReversed = n & 1 == 1
        case .setLeftMargin(let dots):
            self.mode.leftMargin = min(dots, self.configuration.dotsPerLine - 12)
            if self.line.glyphs.isEmpty { self.line = PrintedTextLine(capacity: self.capacity, leftMargin: self.mode.leftMargin) }
        case .setPrintAreaWidth(let dots):
            self.mode.printAreaWidth = dots == 0 ? nil : dots
            if self.line.glyphs.isEmpty { self.line = PrintedTextLine(capacity: self.capacity, leftMargin: self.mode.leftMargin) }
        case .setTabStops(let stops): self.mode.tabStops = stops.map(Int.init)
        case .setAbsolutePosition(let dots): self.moveTo(dots)
        case .setRelativePosition(let dots): self.moveTo(self.line.width + dots)
        case .selectChineseMode:
            if self.configuration.hasChineseMode { self.mode.isChinese = true } else { self.note("FS &: this printer has no Chinese fonts; ignored") }
        case .cancelChineseMode:
            self.flushPendingLead()
            self.mode.isChinese = false
        case .setBarcodeHeight(let n): self.barcode.height = max(1, Int(n))
        case .setBarcodeModuleWidth(let n): self.barcode.moduleWidth = Int(n)
        case .setBarcodeTextPosition(let n): self.barcode.textPosition = n >= 48 ? n - 48 : n
        case .printBarcode(let system, let data): self.printBarcode(system: system, data: data)
        case .cut(let mode, _): self.cut(partial: [1, 49, 66, 98, 104].contains(mode))
        case .legacyCut(let partial): self.cut(partial: partial)
        case .symbol(let cn, let fn, let parameters): return self.symbol(cn: cn, fn: fn, parameters: parameters)
        case .graphics(let fn, let parameters): self.graphics(fn: fn, parameters: parameters)
        case .rasterImage(let mode, let widthBytes, let height, let data):
            self.printImage(width: widthBytes * 8, height: height, bits: data, scaleX: mode & 1 == 1 ? 2 : 1, scaleY: mode & 2 == 2 ? 2 : 1)
        case .columnImage(let mode, let width, let data): self.printColumnImage(mode: mode, width: width, data: data)
        case .transmitStatus(let n):
            guard !self.sensors.isSilent else { return [] }
            switch n {
            case 1, 49: return [self.sensors.paperSensorReply]
            case 2, 50: return [0x00]
            default: self.note("GS r \(n): not a status request (1, 2, 49, 50); no reply")
            }
        case .enableAutomaticStatusBack(let n):
            self.automaticStatusBackMask = n
            if n != 0, !self.sensors.isSilent { return self.sensors.automaticStatusBack }
        case .transmitPrinterID(let n): self.note("GS I \(n): printer ID not simulated; no reply")
        case .generatePulse: self.note("ESC p: drawer pulse ignored (a kiosk has no cash drawer)")
        case .setUpsideDown(let n): if n & 1 == 1 { self.note("ESC { 1: upside-down printing is not rendered") }
        case .setRotation(let n): if n != 0, n != 48 { self.note("ESC V \(n): rotated printing is not rendered") }
        case .printNVImage: self.note("FS p: NV bit images are not stored in this simulator")
        case .selectInternationalCharacterSet, .selectColor, .selectPeripheral, .buzzer, .setPanelOrSensors, .setCharacterSpacing, .setUnidirectional,
            .cancelUserDefinedCharacter, .setSmoothing, .setDensity, .setBarcodeTextFont, .setMotionUnits, .setChinesePrintMode, .setChineseUnderline,
            .setChineseQuadrupleSize, .setChineseSpacing, .selectChineseCodeSystem:
            break  // Accepted; no effect on what the transcript or image shows.
        case .realTimeStatus, .realTimeRequest, .realTimePulse:
            break  // Handled on reception.
        }
        return []
    }

    /// The printable width for new lines.
    var capacity: Int {
        let available = self.configuration.dotsPerLine - self.mode.leftMargin
        return min(available, self.mode.printAreaWidth ?? available)
    }
}
