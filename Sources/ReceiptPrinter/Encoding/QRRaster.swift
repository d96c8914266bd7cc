import COneTripQRencode

/// A QR code drawn as a 1-bit raster for printers without native `GS ( k` (printed with
/// `GS v 0`, research A.7), built with libqrencode (model 2, byte mode, UTF-8 payload).
///
/// The symbol keeps a 4-module quiet zone on every side, which the standard requires and which
/// native printing leaves to the user (research A.5, [HPRT]).
struct QRRaster: Hashable, Sendable {
    /// Bytes per row (`x` of `GS v 0`).
    var widthBytes: Int
    /// Rows (`y` of `GS v 0`).
    var height: Int
    /// Row-major bits, MSB = leftmost dot, 1 = black.
    var bits: [UInt8]

    /// Quiet zone, in modules.
    static let quietZone = 4

    init(_ code: ReceiptQRCode) throws(ReceiptEncodingError) {
        let payload = Array(code.payload.utf8)
        guard !payload.isEmpty, payload.count <= ReceiptQRCode.maximumPayloadBytes else {
            throw .qrPayloadSize(bytes: payload.count)
        }
        let level: QRecLevel
        switch code.errorCorrection {
        case .low: level = QR_ECLEVEL_L
        case .medium: level = QR_ECLEVEL_M
        case .quartile: level = QR_ECLEVEL_Q
        case .high: level = QR_ECLEVEL_H
        }
        guard let symbol = payload.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, level) }) else {
            throw .qrRasterFailed("libqrencode could not encode \(payload.count) bytes at level \(code.errorCorrection)")
        }
        defer { QRcode_free(symbol) }
        let modules = Int(symbol.pointee.width)
        let scale = code.moduleSize
        let side = (modules + 2 * Self.quietZone) * scale
        self.widthBytes = (side + 7) / 8
        self.height = side
        var bits = [UInt8](repeating: 0, count: self.widthBytes * side)
        let data = symbol.pointee.data!
        for moduleRow in 0..<modules {
            for moduleColumn in 0..<modules where data[moduleRow * modules + moduleColumn] & 1 == 1 {
                let left = (moduleColumn + Self.quietZone) * scale
                let top = (moduleRow + Self.quietZone) * scale
                for y in top..<top + scale {
                    for x in left..<left + scale {
                        bits[y * self.widthBytes + x / 8] |= 0x80 >> UInt8(x % 8)
                    }
                }
            }
        }
        self.bits = bits
    }
}
