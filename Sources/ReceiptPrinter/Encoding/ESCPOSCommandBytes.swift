/// The ESC/POS byte sequences OneTrip sends, each with its source in
/// shared/research/escpos-essp-payment.md (Part A). Pure functions, no state.
public enum ESCPOSCommandBytes {
    /// `ESC @` (`1B 40`): clears the print buffer and resets modes (A.3, [PYE] `HW_INIT`).
    public static let initialize: [UInt8] = [0x1B, 0x40]
    /// `FS &` (`1C 26`): select Chinese (GB) character mode (A.4, [CN-FS] SP91, [PHP] `textChinese()`).
    public static let selectChineseMode: [UInt8] = [0x1C, 0x26]
    /// `FS .` (`1C 2E`): cancel Chinese character mode (A.4).
    public static let cancelChineseMode: [UInt8] = [0x1C, 0x2E]
    /// `LF` (`0A`): print the buffer and feed one line (A.3).
    public static let lineFeed: [UInt8] = [0x0A]

    /// `ESC a n` (`1B 61 n`): 0 left, 1 centre, 2 right (A.3, [PYE], [PHP]).
    public static func alignment(_ alignment: ReceiptTextStyle.Alignment) -> [UInt8] { [0x1B, 0x61, alignment.rawValue] }
    /// `ESC E n` (`1B 45 n`): emphasis on/off (A.3).
    public static func emphasis(_ on: Bool) -> [UInt8] { [0x1B, 0x45, on ? 1 : 0] }
    /// `ESC - n` (`1B 2D n`): underline off / 1-dot (A.3).
    public static func underline(_ on: Bool) -> [UInt8] { [0x1B, 0x2D, on ? 1 : 0] }
    /// `GS ! n` (`1D 21 n`): character size (A.3, [PHP] `setTextSize()`).
    public static func characterSize(_ size: ReceiptTextSize) -> [UInt8] { [0x1D, 0x21, size.parameter] }
    /// `ESC d n` (`1B 64 n`): print and feed n lines, 1…255 (A.3, [PHP] `feed(n)`).
    public static func feed(lines: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var left = lines
        while left > 0 {
            let step = min(255, left)
            bytes += [0x1B, 0x64, UInt8(step)]
            left -= step
        }
        return bytes
    }

    /// `GS V m` (`1D 56 m`): m = 0 full cut, 1 partial cut (A.8, [EPS-10] GS V; [PYE] `PAPER_FULL_CUT` /
    /// `PAPER_PART_CUT`). Feed before it so the last line clears the blade (A.8).
    public static func cut(partial: Bool) -> [UInt8] { [0x1D, 0x56, partial ? 1 : 0] }

    /// `DLE EOT n` (`10 04 n`): real-time status, n = 1…4 (A.9, [PYE] `RT_STATUS_*`).
    public static func realTimeStatus(_ request: RealTimeStatusRequest) -> [UInt8] { [0x10, 0x04, request.rawValue] }
    /// `GS r 1` (`1D 72 01`): transmit paper sensor status, answered only after the data sent
    /// before it has been processed (A.9, [EPS-U220], Samsung SRP-275).
    public static let transmitPaperStatus: [UInt8] = [0x1D, 0x72, 0x01]

    // MARK: QR code, GS ( k with cn = 0x31 (A.5)

    /// `GS ( k` with pL pH = the little-endian count of the bytes after pH (A.5, [PHP]
    /// `wrapperSend2dCodeData()`, [PYE] `_send_2d_code_data()`).
    static func qrFunction(_ function: UInt8, _ parameters: [UInt8]) -> [UInt8] {
        let count = 2 + parameters.count
        return [0x1D, 0x28, 0x6B, UInt8(count & 0xFF), UInt8(count >> 8), 0x31, function] + parameters
    }

    /// Function 165: select model 2 (`1D 28 6B 04 00 31 41 32 00`; [CIT CT-S280], [PHP]).
    public static let qrSelectModel2: [UInt8] = qrFunction(0x41, [0x32, 0x00])
    /// Function 167: module size in dots, 1…16 (`1D 28 6B 03 00 31 43 n`; [HPRT TP809], [EPS-10]).
    public static func qrModuleSize(_ dots: Int) -> [UInt8] { qrFunction(0x43, [UInt8(min(16, max(1, dots)))]) }
    /// Function 169: error correction 0x30…0x33 = L/M/Q/H (`1D 28 6B 03 00 31 45 n`; [HPRT TP809]).
    public static func qrErrorCorrection(_ level: ReceiptQRCode.ErrorCorrection) -> [UInt8] { qrFunction(0x45, [level.rawValue]) }
    /// Function 180: store data (`1D 28 6B pL pH 31 50 30 d1…dk`, pL + 256·pH = k + 3; [HPRT TP80K]).
    public static func qrStore(_ data: [UInt8]) -> [UInt8] { qrFunction(0x50, [0x30] + data) }
    /// Function 181: print the stored symbol (`1D 28 6B 03 00 31 51 30`; [RS]).
    public static let qrPrint: [UInt8] = qrFunction(0x51, [0x30])

    // MARK: Barcode (A.6)

    /// `GS h n`: bar height in dots ([PYE]).
    public static func barcodeHeight(_ dots: Int) -> [UInt8] { [0x1D, 0x68, UInt8(min(255, max(1, dots)))] }
    /// `GS w n`: module width 2…6 ([PYE]).
    public static func barcodeModuleWidth(_ dots: Int) -> [UInt8] { [0x1D, 0x77, UInt8(min(6, max(2, dots)))] }
    /// `GS H n`: human-readable text position ([PYE]).
    public static func barcodeTextPosition(_ position: ReceiptBarcode.TextPosition) -> [UInt8] { [0x1D, 0x48, position.rawValue] }
    /// `GS k 73 n {B d1…dn`: CODE128 code set B, function B (length-prefixed; [PYE] `BARCODE_TYPE_B`,
    /// code set selector `{B` from [PYE] `BARCODE_FORMATS` / [PHP] `^\{[A-C]`).
    public static func code128(_ data: [UInt8]) -> [UInt8] {
        let payload: [UInt8] = [0x7B, 0x42] + data
        return [0x1D, 0x6B, 73, UInt8(payload.count)] + payload
    }

    // MARK: Raster image (A.7)

    /// `GS v 0 m xL xH yL yH d1…dk` with m = 0 (normal), x = bytes per row, y = rows, k = x·y;
    /// bit 1 = a dot, MSB leftmost ([HPRT TP80K p.53], [PHP] `bitImage()`).
    public static func rasterImage(widthBytes: Int, height: Int, bits: [UInt8]) -> [UInt8] {
        [0x1D, 0x76, 0x30, 0x00, UInt8(widthBytes & 0xFF), UInt8(widthBytes >> 8), UInt8(height & 0xFF), UInt8(height >> 8)] + bits
    }
}

/// The four real-time status requests `DLE EOT n` (research A.9).
public enum RealTimeStatusRequest: UInt8, Hashable, Sendable, CaseIterable {
    /// n = 1: printer status (offline bit 3).
    case printer = 1
    /// n = 2: offline cause (cover open bit 2, paper-end stop bit 5, error bit 6).
    case offlineCause = 2
    /// n = 3: error cause (auto-cutter bit 3, unrecoverable bit 5, auto-recoverable bit 6).
    case errorCause = 3
    /// n = 4: roll paper sensor (near end bits 2+3, paper end bits 5+6).
    case paperSensor = 4
}
