import Crypto
import KioskCore

/// Computes a ``CitizenKey``: HMAC-SHA256 with a secret key over the normalised document
/// number, so the journal can find a citizen's transactions by ID number without storing it.
///
/// Use one secret for all kiosks of an office (so keys match across kiosks and the back office
/// can search too), and a different one from the kiosk's upload signing key. Without the secret
/// a key cannot be reversed or brute-forced from the 10^11-odd valid ID numbers.
public struct CitizenKeyer: Sendable {
    private let secret: [UInt8]

    /// The domain-separation prefix, so the same secret used elsewhere never yields the same MAC.
    static let context = Array("onetrip-citizen-key-v1:".utf8)

    /// Creates a keyer.
    /// - Throws: ``CitizenKeyerError/secretTooShort(_:)`` below 16 bytes.
    public init(secret: [UInt8]) throws(CitizenKeyerError) {
        guard secret.count >= 16 else { throw .secretTooShort(secret.count) }
        self.secret = secret
    }

    /// The key of a card's number.
    public func key(for number: DocumentNumber) -> CitizenKey {
        self.key(normalised: number.unmaskedValue)
    }

    /// The key of a number an operator typed (`11010519491231002x`, with spaces): validated as a
    /// GB 11643 or 2017 permanent-resident number first, so a typo is an error, not a silent miss.
    /// - Throws: ``IDNumberError`` naming what is wrong.
    public func key(forTyped text: String) throws(IDNumberError) -> CitizenKey {
        let compact = String(text.filter { !$0.isWhitespace })
        let number: DocumentNumber =
            compact.count == 15 ? try DocumentNumber.foreignPermanentResident2017(parsing: compact) : .gb11643(try IDNumber(compact))
        return self.key(for: number)
    }

    private func key(normalised: String) -> CitizenKey {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: self.secret))
        hmac.update(data: Self.context)
        hmac.update(data: Array(normalised.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in hmac.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return CitizenKey(hex: String(decoding: hex, as: UTF8.self))
    }
}

/// Why a ``CitizenKeyer`` cannot be made.
public enum CitizenKeyerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The secret is shorter than 16 bytes.
    case secretTooShort(Int)
    /// The secret file cannot be read (missing, or no permission).
    case unreadableSecretFile(path: String, reason: String)
    /// The secret file does not hold hex digits.
    case malformedSecretFile(path: String)
    /// The secret file cannot be created.
    case unwritableSecretFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .secretTooShort(let count): "the citizen-key secret has \(count) bytes; at least 16 are needed"
        case .unreadableSecretFile(let path, let reason):
            "cannot read the citizen key file \(path) (\(reason)); operators need read access to it (owner root, group onetrip, mode 0640)"
        case .malformedSecretFile(let path):
            "the citizen key file \(path) must hold the secret as hex digits on one line (64 digits for 32 bytes)"
        case .unwritableSecretFile(let path, let reason): "cannot create the citizen key file \(path): \(reason)"
        }
    }
}
