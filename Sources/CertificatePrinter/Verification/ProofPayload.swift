import KioskCore

/// The verification payload a proof's QR code carries, and its byte layout (version 1).
///
/// ```
/// offset  size  field
/// 0       1     version (1)
/// 1       1     document type (1 social insurance, 2 household registration, 3 no criminal record)
/// 2       8     key id: the first 8 bytes of SHA-256 of the issuing Ed25519 public key
/// 10      4     issue time, Unix seconds, big-endian (valid to 2106)
/// 14      2     validity in days, big-endian
/// 16      1     n, the document id's length (1...64)
/// 17      n     document id, ASCII (the transaction number)
/// 17+n    32    SHA-256 of the document's canonical content
/// 49+n    64    Ed25519 signature over "OneTrip proof v1\0" followed by bytes 0 ..< 49+n
/// ```
///
/// As text: `OT1:` followed by the bytes in unpadded base32. No personal data is in it: the
/// citizen is present only through the content digest.
public struct ProofPayload: Hashable, Sendable {
    /// The payload layout version this build writes and reads.
    public static let version: UInt8 = 1
    /// The text prefix.
    public static let prefix = "OT1:"
    /// Signed bytes are prefixed with this context string, so a signature made for anything
    /// else with the same key can never pass as a proof's.
    static let signatureContext = Array("OneTrip proof v1".utf8) + [0]

    /// The document's type.
    public var template: DocumentTemplate
    /// Which issuing key signed it.
    public var keyID: KeyID
    /// When it was issued.
    public var issuedAt: IssueTime
    /// Days of validity from the issue date.
    public var validityDays: Int
    /// The document's number.
    public var documentID: String
    /// SHA-256 of the content.
    public var contentDigest: [UInt8]
    /// The Ed25519 signature (64 bytes).
    public var signature: [UInt8]

    /// Creates a payload.
    public init(
        template: DocumentTemplate, keyID: KeyID, issuedAt: IssueTime, validityDays: Int, documentID: String,
        contentDigest: [UInt8], signature: [UInt8]
    ) {
        self.template = template
        self.keyID = keyID
        self.issuedAt = issuedAt
        self.validityDays = validityDays
        self.documentID = documentID
        self.contentDigest = contentDigest
        self.signature = signature
    }

    /// The bytes the signature covers (without the context prefix).
    public var signedBytes: [UInt8] {
        var bytes: [UInt8] = [Self.version, Self.code(of: self.template)]
        bytes += self.keyID.bytes
        let seconds = UInt32(clamping: self.issuedAt.secondsSinceEpoch)
        bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: seconds >> UInt32($0)) }
        let days = UInt16(clamping: self.validityDays)
        bytes += [UInt8(days >> 8), UInt8(truncatingIfNeeded: days)]
        let id = Array(self.documentID.utf8)
        bytes.append(UInt8(clamping: id.count))
        bytes += id
        bytes += self.contentDigest
        return bytes
    }

    /// The payload as bytes.
    public var bytes: [UInt8] { self.signedBytes + self.signature }

    /// The payload as QR text: `OT1:` + base32.
    public var text: String { Self.prefix + Base32.encode(self.bytes) }

    /// The short code printed beside the QR code (`K7QD-M2XA`): 40 bits of the signature's
    /// hash, so a clerk can compare what a verifier shows with what is printed.
    public var verificationCode: String { VerificationCode.make(signature: self.signature) }

    /// Parses QR text.
    /// - Throws: ``PayloadError`` naming what is wrong.
    public init(text: String) throws(PayloadError) {
        let trimmed = text.trimmingASCIIWhitespaceAndNewlines()
        guard trimmed.hasPrefix(Self.prefix) else { throw .notAProofPayload }
        guard let bytes = Base32.decode(trimmed.dropFirst(Self.prefix.count)) else { throw .badEncoding }
        try self.init(bytes: bytes)
    }

    /// Parses payload bytes.
    /// - Throws: ``PayloadError`` naming what is wrong.
    public init(bytes: [UInt8]) throws(PayloadError) {
        guard bytes.count >= 17 else { throw .truncated(bytes.count) }
        guard bytes[0] == Self.version else { throw .unsupportedVersion(bytes[0]) }
        guard let template = Self.template(code: bytes[1]) else { throw .unknownDocumentType(bytes[1]) }
        let length = Int(bytes[16])
        guard (1...64).contains(length) else { throw .badDocumentID }
        let expected = 17 + length + 32 + 64
        guard bytes.count == expected else {
            throw bytes.count < expected ? .truncated(bytes.count) : .trailingBytes(bytes.count - expected)
        }
        let id = bytes[17..<(17 + length)]
        guard id.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .badDocumentID }
        let seconds = bytes[10..<14].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        self.template = template
        self.keyID = KeyID(bytes: Array(bytes[2..<10]))
        self.issuedAt = IssueTime(secondsSinceEpoch: Int64(seconds))
        self.validityDays = Int(UInt16(bytes[14]) << 8 | UInt16(bytes[15]))
        self.documentID = String(decoding: id, as: UTF8.self)
        self.contentDigest = Array(bytes[(17 + length)..<(49 + length)])
        self.signature = Array(bytes[(49 + length)...])
    }

    /// The last day the proof is valid.
    public var validUntil: CalendarDate { self.issuedAt.chinaDate.adding(days: self.validityDays) }

    static func code(of template: DocumentTemplate) -> UInt8 {
        switch template {
        case .socialInsuranceContribution: 1
        case .householdRegistration: 2
        case .noCriminalRecord: 3
        }
    }

    static func template(code: UInt8) -> DocumentTemplate? {
        switch code {
        case 1: .socialInsuranceContribution
        case 2: .householdRegistration
        case 3: .noCriminalRecord
        default: nil
        }
    }
}

/// Why a text is not a well-formed proof payload.
public enum PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text does not start with `OT1:`.
    case notAProofPayload
    /// A character outside base32.
    case badEncoding
    /// Too few bytes.
    case truncated(Int)
    /// Bytes after the signature.
    case trailingBytes(Int)
    /// A layout version this build does not know.
    case unsupportedVersion(UInt8)
    /// A document type code this build does not know.
    case unknownDocumentType(UInt8)
    /// The document id is empty, too long or not printable ASCII.
    case badDocumentID

    public var description: String {
        switch self {
        case .notAProofPayload: "not a OneTrip proof payload (it must start with \(ProofPayload.prefix))"
        case .badEncoding: "the payload is not valid base32 (A-Z, 2-7): a wrong character or a cut-off end"
        case .truncated(let count): "the payload is cut short (\(count) bytes)"
        case .trailingBytes(let count): "the payload has \(count) unexpected bytes at its end"
        case .unsupportedVersion(let version): "payload version \(version) is not supported by this verifier"
        case .unknownDocumentType(let code): "unknown document type code \(code)"
        case .badDocumentID: "the document number in the payload is not valid"
        }
    }
}

extension String {
    func trimmingASCIIWhitespaceAndNewlines() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let start = self.firstIndex(where: { !isSpace($0) }), let end = self.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
