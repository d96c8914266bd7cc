import Crypto

/// Names an issuing key in a payload: the first 8 bytes of SHA-256 of the Ed25519 public key,
/// so a verifier can tell "signed by a key I do not know" from "tampered".
public struct KeyID: Hashable, Sendable, CustomStringConvertible {
    /// The 8 bytes.
    public var bytes: [UInt8]

    /// Wraps 8 bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The id of a public key.
    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.bytes = Array(SHA256.hash(data: publicKey.rawRepresentation).prefix(8))
    }

    /// Lower-case hex (`3f0c…`).
    public var description: String { self.bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
}

/// The short verification code printed beside a proof's QR code.
enum VerificationCode {
    /// `XXXX-XXXX`: the first 40 bits of SHA-256("OneTrip code" ‖ signature) in base32.
    static func make(signature: [UInt8]) -> String {
        let digest = Array(SHA256.hash(data: Array("OneTrip code".utf8) + signature).prefix(5))
        let text = Base32.encode(digest)
        return "\(text.prefix(4))-\(text.dropFirst(4))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        self.count >= width ? self : String(repeating: "0", count: width - self.count) + self
    }
}
