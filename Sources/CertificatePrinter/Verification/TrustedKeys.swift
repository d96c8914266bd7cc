import Crypto
import Foundation

/// The public keys a verifier trusts, from a text file with one key a line:
///
/// ```
/// # kiosks of the Haishu bureau
/// ed25519 <base64 public key> HS-0001 Haishu bureau lobby
/// ```
public struct TrustedKeys: Sendable {
    /// One trusted key.
    public struct Entry: Sendable {
        /// The key's 32 bytes (swift-crypto 3's key types are not `Sendable`).
        public var rawPublicKey: Data
        /// What the file calls it.
        public var label: String

        /// Trusts a key.
        public init(publicKey: Curve25519.Signing.PublicKey, label: String) {
            self.rawPublicKey = publicKey.rawRepresentation
            self.label = label
        }

        /// The key.
        public var publicKey: Curve25519.Signing.PublicKey {
            // The bytes came from a valid key, so this cannot fail.
            try! Curve25519.Signing.PublicKey(rawRepresentation: self.rawPublicKey)
        }
        /// Its id.
        public var keyID: KeyID { KeyID(publicKey: self.publicKey) }
    }

    /// The keys.
    public var entries: [Entry]

    /// Trusts the given keys.
    public init(_ entries: [Entry]) { self.entries = entries }

    /// Trusts one public key.
    public init(publicKey: Curve25519.Signing.PublicKey, label: String) {
        self.entries = [Entry(publicKey: publicKey, label: label)]
    }

    /// Parses a trusted keys file's text.
    /// - Throws: ``TrustedKeysError`` with the file and line of the first bad line.
    public init(text: String, file: String = "trusted keys") throws(TrustedKeysError) {
        var entries: [Entry] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            guard first == "ed25519", words.count >= 2 else {
                throw TrustedKeysError(file: file, line: index + 1, message: "expected 'ed25519 <base64 public key> [label]'")
            }
            guard let raw = Data(base64Encoded: String(words[1])), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
            else {
                throw TrustedKeysError(file: file, line: index + 1, message: "'\(words[1])' is not a base64 32-byte Ed25519 public key")
            }
            entries.append(Entry(publicKey: key, label: words.dropFirst(2).joined(separator: " ")))
        }
        self.entries = entries
    }

    /// Reads a trusted keys file.
    public init(path: String) throws(TrustedKeysError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TrustedKeysError(file: path, line: 0, message: "cannot read the file")
        }
        try self.init(text: text, file: path)
    }

    /// The entry with this id.
    public func entry(for keyID: KeyID) -> Entry? { self.entries.first { $0.keyID == keyID } }
}

/// A trusted keys file that cannot be used.
public struct TrustedKeysError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The 1-based line (0: the whole file).
    public var line: Int
    /// What is wrong.
    public var message: String

    public var description: String { self.line > 0 ? "\(self.file):\(self.line): \(self.message)" : "\(self.file): \(self.message)" }
}
