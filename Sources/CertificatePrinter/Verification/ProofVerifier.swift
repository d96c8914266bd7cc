import Crypto
import KioskCore

/// Checks a proof's verification payload offline, against trusted public keys.
///
/// ```swift
/// let verifier = ProofVerifier(trustedKeys: try TrustedKeys(path: "/etc/onetrip/trusted-proof-keys"))
/// switch verifier.verify(scannedText, on: today) { case .valid(let proof): … }
/// ```
public struct ProofVerifier: Sendable {
    /// The keys whose signatures are accepted.
    public var trustedKeys: TrustedKeys

    /// Creates a verifier.
    public init(trustedKeys: TrustedKeys) { self.trustedKeys = trustedKeys }

    /// Checks a payload's text.
    /// - Parameters:
    ///   - text: what the QR code holds (`OT1:…`).
    ///   - today: the verifier's date in China, for the validity check.
    ///   - document: when given, the document's content must match the signed digest too.
    /// - Returns: the verdict; never throws or crashes, whatever the input.
    public func verify(_ text: String, on today: CalendarDate, document: ProofDocument? = nil) -> VerificationResult {
        let payload: ProofPayload
        do {
            payload = try ProofPayload(text: text)
        } catch {
            return .malformed(error)
        }
        return self.verify(payload, on: today, document: document)
    }

    /// Checks a parsed payload.
    public func verify(_ payload: ProofPayload, on today: CalendarDate, document: ProofDocument? = nil) -> VerificationResult {
        guard let entry = self.trustedKeys.entry(for: payload.keyID) else { return .unknownKey(payload.keyID) }
        let proof = VerifiedProof(payload: payload, signer: entry.label)
        guard payload.signature.count == 64,
            entry.publicKey.isValidSignature(payload.signature, for: ProofPayload.signatureContext + payload.signedBytes)
        else {
            return .tampered(.signatureMismatch)
        }
        if let document, document.contentDigest() != payload.contentDigest || document.documentID != payload.documentID {
            return .tampered(.contentMismatch)
        }
        if today > payload.validUntil { return .expired(proof) }
        return .valid(proof)
    }
}

/// What a payload says, once its signature checked out.
public struct VerifiedProof: Hashable, Sendable, CustomStringConvertible {
    /// The payload.
    public var payload: ProofPayload
    /// The trusted key's label.
    public var signer: String

    public var description: String {
        """
        document   \(self.payload.documentID) (\(self.payload.template.title.zh) / \(self.payload.template.title.en))
        issued     \(self.payload.issuedAt)
        valid to   \(self.payload.validUntil)
        signed by  \(self.signer.isEmpty ? "key" : self.signer) (key id \(self.payload.keyID))
        code       \(self.payload.verificationCode) (must match the code printed beside the QR code)
        """
    }
}

/// A verifier's verdict.
public enum VerificationResult: Hashable, Sendable, CustomStringConvertible {
    /// Genuine and within its validity.
    case valid(VerifiedProof)
    /// The signature or the content does not match: the payload or document was altered.
    case tampered(TamperEvidence)
    /// Signed by a key this verifier does not trust (another bureau, or a forger).
    case unknownKey(KeyID)
    /// Genuine, but past its validity period.
    case expired(VerifiedProof)
    /// Not a readable payload.
    case malformed(PayloadError)

    /// Whether the proof can be accepted.
    public var isValid: Bool { if case .valid = self { true } else { false } }

    /// A one-word verdict (`valid`, `tampered`, `unknown-key`, `expired`, `malformed`).
    public var verdict: String {
        switch self {
        case .valid: "valid"
        case .tampered: "tampered"
        case .unknownKey: "unknown-key"
        case .expired: "expired"
        case .malformed: "malformed"
        }
    }

    public var description: String {
        switch self {
        case .valid(let proof): "VALID: genuine proof\n\(proof)"
        case .tampered(.signatureMismatch): "TAMPERED: the signature does not match the payload; do not accept this proof"
        case .tampered(.contentMismatch): "TAMPERED: the document's content differs from what was signed; do not accept this proof"
        case .unknownKey(let id): "UNKNOWN KEY: signed by key \(id), which is not in the trusted keys file"
        case .expired(let proof): "EXPIRED: genuine, but valid only until \(proof.payload.validUntil)\n\(proof)"
        case .malformed(let error): "MALFORMED: \(error)"
        }
    }
}

/// What did not match.
public enum TamperEvidence: Hashable, Sendable {
    /// The Ed25519 signature fails for the payload's bytes.
    case signatureMismatch
    /// The signature is good, but the document presented has different content.
    case contentMismatch
}
