import KioskCore

/// Why a proof could not be made, rendered or signed.
public enum ProofError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The job's records are not the kind its template prints.
    case recordsMismatch(template: DocumentTemplate, source: RecordsSource)
    /// The records forbid this proof (a criminal-record check with a hit).
    case refused(String)
    /// The configured font is not installed, so Chinese text would print as boxes.
    case fontUnavailable(requested: String, resolved: String)
    /// cairo reported an error while drawing.
    case renderFailed(String)
    /// The QR payload could not be encoded (libqrencode).
    case qrEncodingFailed(String)
    /// The issuing key file cannot be read, written or parsed.
    case issuingKey(path: String, reason: String)

    public var description: String {
        switch self {
        case .recordsMismatch(let template, let source):
            "a \(template.rawValue) proof cannot be made from \(source.rawValue) records"
        case .refused(let reason): "proof refused: \(reason)"
        case .fontUnavailable(let requested, let resolved):
            "font '\(requested)' is not installed (fontconfig gave '\(resolved)'); install fonts-noto-cjk or set the proof font"
        case .renderFailed(let detail): "rendering the proof failed: \(detail)"
        case .qrEncodingFailed(let detail): "encoding the verification QR code failed: \(detail)"
        case .issuingKey(let path, let reason): "issuing key \(path): \(reason)"
        }
    }
}
