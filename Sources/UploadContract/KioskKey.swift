import Crypto
import Foundation

/// A kiosk's secret signing key, shared with the back office. It never appears in logs:
/// `description` shows only a short fingerprint.
public struct KioskKey: Sendable, CustomStringConvertible {
    /// The key bytes (kept as bytes: swift-crypto's `SymmetricKey` is not `Sendable` on Linux).
    private let bytes: [UInt8]

    /// The key for HMAC-SHA256.
    public var symmetricKey: SymmetricKey { SymmetricKey(data: self.bytes) }

    /// The shortest key accepted: 128 bits (RFC 2104 §3 recommends at least the hash's output
    /// length; 256 bits is what `onetrip hub` generates).
    public static let minimumByteCount = 16

    /// Wraps key bytes.
    /// - Throws: ``KeyError/tooShort(_:)`` below ``minimumByteCount`` bytes.
    public init(bytes: [UInt8]) throws(KeyError) {
        guard bytes.count >= Self.minimumByteCount else { throw .tooShort(bytes.count) }
        self.bytes = bytes
    }

    /// Parses a key written as hex (64 characters for 256 bits), ignoring surrounding white space.
    /// - Throws: ``KeyError`` for odd length, a non-hex character, or a short key.
    public init(hex text: String) throws(KeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count % 2 == 0 else { throw .notHex("odd number of hex digits (\(trimmed.count))") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(trimmed.count / 2)
        var high: UInt8?
        for character in trimmed {
            guard let nibble = character.hexDigitValue else { throw .notHex("'\(character)' is not a hex digit") }
            if let pending = high {
                bytes.append(pending << 4 | UInt8(nibble))
                high = nil
            } else {
                high = UInt8(nibble)
            }
        }
        try self.init(bytes: bytes)
    }

    /// Reads a key file holding one hex key (`onetrip hub keygen` writes one).
    /// - Throws: ``KeyError/unreadable(path:reason:)`` or a parse error naming the file.
    public init(contentsOfFile path: String) throws(KeyError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        do {
            try self.init(hex: text)
        } catch {
            throw .invalidFile(path: path, reason: error.description)
        }
    }

    /// A new random 256-bit key.
    public static func generate() -> KioskKey {
        // 32 random bytes always pass the length check.
        try! KioskKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The key as lower-case hex, for writing a key file. Handle with care.
    public var hexEncoded: String {
        self.bytes.hexString
    }

    /// The first 8 hex digits of the key's SHA-256: tells two keys apart without revealing them.
    public var fingerprint: String {
        let digest = SHA256.hash(data: self.bytes)
        return String(Array(digest).hexString.prefix(8))
    }

    /// `KioskKey(sha256:1a2b3c4d)`: never the key itself.
    public var description: String { "KioskKey(sha256:\(self.fingerprint))" }
}

/// Why a key could not be used.
public enum KeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Fewer bytes than ``KioskKey/minimumByteCount``.
    case tooShort(Int)
    /// Not a hex string.
    case notHex(String)
    /// The key file could not be read.
    case unreadable(path: String, reason: String)
    /// The key file does not hold a valid key.
    case invalidFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .tooShort(let count):
            "the key has \(count) bytes; at least \(KioskKey.minimumByteCount) are needed (generate one with `onetrip hub keygen`)"
        case .notHex(let detail): "the key is not hex: \(detail)"
        case .unreadable(let path, let reason): "cannot read key file \(path): \(reason)"
        case .invalidFile(let path, let reason): "key file \(path): \(reason)"
        }
    }
}

extension Sequence<UInt8> {
    /// Lower-case hex of the bytes.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in self {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
