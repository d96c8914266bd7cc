/// One ESC/POS command as the simulated printer received it.
///
/// The set covers research escpos-essp-payment.md A.3–A.9 and everything python-escpos 3.x
/// emits (text styles, code pages, line spacing, barcodes, native and raster QR, raster / column
/// / graphics images, cut, status). Parameters are kept raw, as the printer received them; the
/// printer model decides what they mean.
public enum ESCPOSCommand: Hashable, Sendable {
    // MARK: Text and control characters
    /// Bytes to print (`0x20…0xFF`): ASCII, GB18030 pairs in Chinese mode, code-page characters otherwise.
    case printData([UInt8])
    /// `LF`: print the buffer and feed one line.
    case lineFeed
    /// `CR`: ignored in standard mode when auto line feed is off.
    case carriageReturn
    /// `HT`: move to the next tab stop.
    case horizontalTab
    /// `FF`: print the buffer (standard mode).
    case formFeed
    /// `CAN`: cancel print data in page mode.
    case cancel
    /// `NUL` outside a command: ignored.
    case null

    // MARK: ESC
    /// `ESC @`.
    case initialize
    /// `ESC ! n`: font (bit 0), emphasis (3), double height (4), double width (5), underline (7).
    case selectPrintMode(UInt8)
    /// `ESC E n`: emphasis.
    case setEmphasis(UInt8)
    /// `ESC G n`.
    case setDoubleStrike(UInt8)
    /// `ESC - n`: 0 off, 1 one dot, 2 two dots.
    case setUnderline(UInt8)
    /// `ESC a n`: 0/48 left, 1/49 centre, 2/50 right.
    case setAlignment(UInt8)
    /// `ESC M n`: font A/B/C.
    case selectFont(UInt8)
    /// `ESC d n`: print and feed n lines.
    case printAndFeedLines(UInt8)
    /// `ESC e n`: print and reverse-feed n lines.
    case printAndReverseFeedLines(UInt8)
    /// `ESC J n`: print and feed n motion units.
    case printAndFeedDots(UInt8)
    /// `ESC 2`: default line spacing.
    case setDefaultLineSpacing
    /// `ESC 3 n` (1/180 in), `ESC +` n (1/360 in), `ESC A n` (1/60 in): the command byte and n.
    case setLineSpacing(command: UInt8, UInt8)
    /// `ESC t n`: character code table.
    case selectCodePage(UInt8)
    /// `ESC R n`: international character set.
    case selectInternationalCharacterSet(UInt8)
    /// `ESC { n`: upside-down printing.
    case setUpsideDown(UInt8)
    /// `ESC V n`: 90° rotation.
    case setRotation(UInt8)
    /// `ESC r n`: print colour.
    case selectColor(UInt8)
    /// `ESC = n`: select peripheral device.
    case selectPeripheral(UInt8)
    /// `ESC p m t1 t2`: drawer kick pulse.
    case generatePulse(pin: UInt8, onTime: UInt8, offTime: UInt8)
    /// `ESC B n t`: buzzer.
    case buzzer(times: UInt8, duration: UInt8)
    /// `ESC c x n`: paper sensors / panel buttons / paper type (`ESC c 3`, `4`, `5`, `0`).
    case setPanelOrSensors(function: UInt8, UInt8)
    /// `ESC D n1 … nk NUL`: tab stops.
    case setTabStops([UInt8])
    /// `ESC SP n`: right-side character spacing.
    case setCharacterSpacing(UInt8)
    /// `ESC $ nL nH`: absolute print position in dots.
    case setAbsolutePosition(Int)
    /// `ESC \ nL nH`: relative print position in dots (signed).
    case setRelativePosition(Int)
    /// `ESC U n`: unidirectional printing.
    case setUnidirectional(UInt8)
    /// `ESC ? n`: cancel a user-defined character.
    case cancelUserDefinedCharacter(UInt8)
    /// `ESC i` / `ESC m`: legacy full / partial cut.
    case legacyCut(partial: Bool)
    /// `ESC * m nL nH d…`: column bit image (8- or 24-dot bands).
    case columnImage(mode: UInt8, width: Int, data: [UInt8])

    // MARK: GS
    /// `GS ! n`: character size.
    case setCharacterSize(UInt8)
    /// `GS B n`: white/black reverse.
    case setReverse(UInt8)
    /// `GS b n`: smoothing.
    case setSmoothing(UInt8)
    /// `GS | n`: print density.
    case setDensity(UInt8)
    /// `GS h n`: barcode height.
    case setBarcodeHeight(UInt8)
    /// `GS w n`: barcode module width.
    case setBarcodeModuleWidth(UInt8)
    /// `GS H n`: HRI text position.
    case setBarcodeTextPosition(UInt8)
    /// `GS f n`: HRI font.
    case setBarcodeTextFont(UInt8)
    /// `GS k m …`: barcode; `system` is m as sent (0…6 function A, 65… function B).
    case printBarcode(system: UInt8, data: [UInt8])
    /// `GS V m [n]`: cut.
    case cut(mode: UInt8, feed: UInt8?)
    /// `GS ( k pL pH cn fn …`: 2D symbol function (QR when cn = 0x31).
    case symbol(cn: UInt8, fn: UInt8, parameters: [UInt8])
    /// `GS ( L` / `GS 8 L`: graphics function (m and fn, then the parameters).
    case graphics(fn: UInt8, parameters: [UInt8])
    /// `GS v 0 m xL xH yL yH d…`: raster image.
    case rasterImage(mode: UInt8, widthBytes: Int, height: Int, data: [UInt8])
    /// `GS L nL nH`: left margin in dots.
    case setLeftMargin(Int)
    /// `GS W nL nH`: print area width in dots.
    case setPrintAreaWidth(Int)
    /// `GS P x y`: motion units.
    case setMotionUnits(UInt8, UInt8)
    /// `GS r n`: transmit status (processed in order, not real-time).
    case transmitStatus(UInt8)
    /// `GS a n`: automatic status back.
    case enableAutomaticStatusBack(UInt8)
    /// `GS I n`: transmit printer ID.
    case transmitPrinterID(UInt8)

    // MARK: FS (Chinese mode)
    /// `FS &`.
    case selectChineseMode
    /// `FS .`.
    case cancelChineseMode
    /// `FS ! n`: Chinese character print mode.
    case setChinesePrintMode(UInt8)
    /// `FS - n`: Chinese underline.
    case setChineseUnderline(UInt8)
    /// `FS W n`: Chinese quadruple size.
    case setChineseQuadrupleSize(UInt8)
    /// `FS S n1 n2`: Chinese character spacing.
    case setChineseSpacing(UInt8, UInt8)
    /// `FS C n`: character code system.
    case selectChineseCodeSystem(UInt8)
    /// `FS p n m`: print NV bit image.
    case printNVImage(UInt8, UInt8)

    // MARK: DLE (real-time)
    /// `DLE EOT n`: real-time status.
    case realTimeStatus(UInt8)
    /// `DLE ENQ n`: real-time request to the printer.
    case realTimeRequest(UInt8)
    /// `DLE DC4 1 m t`: real-time pulse.
    case realTimePulse(pin: UInt8, time: UInt8)

    /// Whether the printer executes it on reception, ahead of buffered data (research A.9).
    public var isRealTime: Bool {
        switch self {
        case .realTimeStatus, .realTimeRequest, .realTimePulse: true
        default: false
        }
    }
}
