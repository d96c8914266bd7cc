extension ESCPOSPrinterModel {
    /// Cell sizes in dots (research A.2: Font A 12×24, Font B 9×17, GB characters 24×24).
    enum Cell {
        static let fontAWidth = 12
        static let fontBWidth = 9
        static let wideWidth = 24
        static let fontAHeight = 24
        static let fontBHeight = 17
    }

    /// Prints data bytes: ASCII as half-width characters; in Chinese mode a lead byte 0x81…0xFE
    /// takes the next byte with it as one two-byte GB code (research A.4); otherwise bytes
    /// 0x80…0xFF come from the `ESC t` code page.
    mutating func printData(_ bytes: [UInt8]) {
        for byte in bytes {
            if let lead = self.pendingLead {
                self.pendingLead = nil
                if let character = PrinterCharacterSet.gbCharacter(lead: lead, trail: byte) {
                    self.addGlyph(character, isWide: true)
                } else {
                    let kind = (0x30...0x39).contains(byte) ? "the start of a four-byte GB18030 code, which two-byte firmware cannot print" : "not a two-byte GB code"
                    self.note("bytes \(ESCPOSDecodeError.hex([lead, byte])) are \(kind); printed as �")
                    self.addGlyph("\u{FFFD}", isWide: true)
                }
                continue
            }
            if byte < 0x80 {
                self.addGlyph(String(UnicodeScalar(byte)), isWide: false)
            } else if self.mode.isChinese, (0x81...0xFE).contains(byte) {
                self.pendingLead = byte
            } else if self.mode.isChinese {
                self.note("byte \(ESCPOSDecodeError.hex([byte])) in Chinese mode is no GB code; printed as ?")
                self.addGlyph("?", isWide: false)
            } else if let character = PrinterCharacterSet.codePageCharacter(byte, page: self.mode.codePage) {
                self.addGlyph(character, isWide: false)
            } else {
                self.addGlyph("?", isWide: false)
            }
        }
    }

    /// Puts one character in the line buffer, wrapping first when it does not fit.
    mutating func addGlyph(_ character: String, isWide: Bool) {
        let baseWidth = isWide ? Cell.wideWidth : self.mode.isFontB ? Cell.fontBWidth : Cell.fontAWidth
        let baseHeight = self.mode.isFontB && !isWide ? Cell.fontBHeight : Cell.fontAHeight
        let glyph = PrintedGlyph(
            character: character, width: baseWidth * self.mode.scaleX, height: baseHeight * self.mode.scaleY, isWide: isWide, isBold: self.mode.isBold,
            isUnderlined: self.mode.isUnderlined, isReversed: self.mode.isReversed, scaleX: self.mode.scaleX, scaleY: self.mode.scaleY)
        if self.line.width + glyph.width > self.line.capacity, !self.line.glyphs.isEmpty {
            self.note("a line is wider than the paper (\(self.line.capacity) dots); wrapped before '\(character)'")
            self.commitLine()
        }
        if self.line.glyphs.isEmpty { self.line.alignment = self.mode.alignment }
        self.skipLineFeedAfterBand = false
        self.line.glyphs.append(glyph)
    }

    /// `LF`: prints the line buffer (an empty one is a blank line) and feeds.
    mutating func lineFeed() {
        self.flushPendingLead()
        if self.skipLineFeedAfterBand, self.line.glyphs.isEmpty {
            self.skipLineFeedAfterBand = false
            return
        }
        self.commitLine()
    }

    /// Moves the finished line onto the paper and starts a new one.
    mutating func commitLine() {
        self.line.lineSpacing = self.mode.lineSpacing
        if self.line.glyphs.isEmpty { self.line.alignment = self.mode.alignment }
        self.putOnPaper(.text(self.line))
        self.line = PrintedTextLine(capacity: self.capacity, leftMargin: self.mode.leftMargin)
    }

    /// Adds a line or block to the paper and uses up the roll if it is set to run out.
    mutating func putOnPaper(_ printed: PrintedLine) {
        self.current.lines.append(printed)
        guard let left = self.sensors.linesUntilPaperOut else { return }
        if left <= 1 {
            self.sensors.linesUntilPaperOut = nil
            self.sensors.paper = .out
            self.note("paper ran out during printing")
        } else {
            self.sensors.linesUntilPaperOut = left - 1
        }
    }

    /// Prints any text waiting in the buffer before a block (barcode, QR, image, cut).
    mutating func finishTextLine(before what: String) {
        self.flushPendingLead()
        guard !self.line.glyphs.isEmpty else { return }
        self.note("\(what) sent with text in the line buffer; the text was printed first")
        self.commitLine()
    }

    /// A lead byte with no trail byte before a command: the printer drops it.
    mutating func flushPendingLead() {
        guard let lead = self.pendingLead else { return }
        self.pendingLead = nil
        self.note("GB lead byte \(ESCPOSDecodeError.hex([lead])) without a second byte; dropped")
    }

    /// `HT`: spaces up to the next tab stop (every 8 Font A columns unless `ESC D` set stops).
    mutating func horizontalTab() {
        let column = self.line.width / Cell.fontAWidth
        let stop = self.mode.tabStops.first { $0 > column } ?? (self.mode.tabStops.isEmpty ? (column / 8 + 1) * 8 : nil)
        guard let stop else { return }
        self.moveTo(stop * Cell.fontAWidth)
    }

    /// Pads the line with blank space up to a position in dots (`ESC $`, `ESC \`, `HT`).
    mutating func moveTo(_ position: Int) {
        let target = min(position, self.line.capacity)
        while self.line.width + Cell.fontAWidth <= target {
            self.addGlyph(" ", isWide: false)
        }
    }
}
