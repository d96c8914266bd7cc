import COneTripQRencode

/// A QR code symbol as a square of dark and light modules, encoded by libqrencode.
struct QRCodeMatrix: Hashable, Sendable {
    /// Modules per side.
    let size: Int
    /// Row-major, `true` for dark.
    let modules: [Bool]
    /// The symbol version (1...40) libqrencode chose.
    let version: Int

    /// Encodes text at error-correction level M (15 % of codewords can be restored, enough for
    /// a creased or smudged sheet); libqrencode picks the smallest version and switches to
    /// alphanumeric mode for runs of `0-9 A-Z $%*+-./:` and space.
    /// - Throws: ``ProofError/qrEncodingFailed(_:)`` when the text does not fit a symbol.
    init(encoding text: String) throws(ProofError) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw .qrEncodingFailed("libqrencode could not encode \(text.utf8.count) bytes (errno \(errno))")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Each byte of `data` describes one module; bit 0 set means dark (qrencode.h, "QRcode").
        let buffer = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        self.size = width
        self.modules = buffer.map { $0 & 1 == 1 }
        self.version = Int(code.pointee.version)
    }

    /// Whether the module at (`column`, `row`) is dark.
    func isDark(column: Int, row: Int) -> Bool { self.modules[row * self.size + column] }
}

#if canImport(Glibc)
import Glibc
#endif
