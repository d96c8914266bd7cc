/// Why a receipt could not be turned into ESC/POS bytes. Nothing has been sent to the printer
/// when one of these is thrown.
public enum ReceiptEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The printer's character set has no two-byte code for a character (research A.4).
    case unencodableCharacter(Unicode.Scalar, in: String, encoding: String)
    /// A control character (line break, tab, escape…) inside a line of text.
    case controlCharacter(Unicode.Scalar, in: String)
    /// A QR payload is empty or longer than `GS ( k` can store (7089 bytes, research A.5).
    case qrPayloadSize(bytes: Int)
    /// The QR symbol could not be built for a printer without native QR.
    case qrRasterFailed(String)
    /// Barcode data a CODE128 code set B cannot hold (empty, non-printable or over 253 bytes).
    case invalidBarcodeData(String)
    /// A barcode or raster QR wider than the paper.
    case tooWide(what: String, dots: Int, dotsPerLine: Int)
    /// The profile names a character encoding the encoder does not know.
    case unsupportedEncoding(String)
    /// iconv failed (missing gconv module, or an internal inconsistency).
    case transcodingFailed(String)

    public var description: String {
        switch self {
        case .unencodableCharacter(let scalar, let text, let encoding):
            "'\(Character(scalar))' (U+\(String(scalar.value, radix: 16, uppercase: true))) in \"\(text)\" has no two-byte \(encoding) code; the printer cannot print it"
        case .controlCharacter(let scalar, let text):
            "control character U+\(String(scalar.value, radix: 16, uppercase: true)) in \"\(text.debugDescription.dropFirst().dropLast())\"; split the text into separate lines"
        case .qrPayloadSize(let bytes):
            "a QR payload of \(bytes) bytes cannot be printed (1…\(ReceiptQRCode.maximumPayloadBytes) bytes)"
        case .qrRasterFailed(let reason): "cannot draw the QR code as an image: \(reason)"
        case .invalidBarcodeData(let data): "'\(data)' is not CODE128 code set B data (1…253 printable ASCII characters)"
        case .tooWide(let what, let dots, let dotsPerLine): "the \(what) is \(dots) dots wide but the paper has \(dotsPerLine)"
        case .unsupportedEncoding(let name): "the printer profile's encoding '\(name)' is not supported (gb18030, gbk or ascii)"
        case .transcodingFailed(let reason): "text transcoding failed: \(reason)"
        }
    }
}
