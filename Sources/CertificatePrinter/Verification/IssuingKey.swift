import Crypto
import Foundation

/// The kiosk's Ed25519 issuing key, which signs every proof's verification payload.
///
/// The key file holds a comment line and the 32-byte private key in base64. It is created on
/// first use with mode 0600, and refused when other users can read it.
public struct IssuingKey: Sendable {
    /// The 32-byte private key (kept as bytes: swift-crypto 3's key types are not `Sendable`).
    let rawPrivateKey: Data

    var privateKey: Curve25519.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: self.rawPrivateKey)
    }

    /// The public half, for verifiers.
    public var publicKey: Curve25519.Signing.PublicKey { self.privateKey.publicKey }
    /// The key's id, as payloads carry it.
    public var keyID: KeyID { KeyID(publicKey: self.publicKey) }

    /// Wraps a key (tests, benchmarks).
    public init(_ privateKey: Curve25519.Signing.PrivateKey = .init()) { self.rawPrivateKey = privateKey.rawRepresentation }

    /// Loads the key at `path`, creating it (mode 0600, parent folder created) if missing.
    /// - Throws: ``ProofError/issuingKey(path:reason:)`` when the file is unreadable, malformed
    ///   or readable by group or others.
    public static func loadOrCreate(path: String) throws(ProofError) -> IssuingKey {
        if FileManager.default.fileExists(atPath: path) { return try self.load(path: path) }
        let key = IssuingKey()
        let text = "# OneTrip proof issuing key (Ed25519 private key, base64). Keep secret; key id \(key.keyID)\n"
            + key.privateKey.rawRepresentation.base64EncodedString() + "\n"
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .issuingKey(path: path, reason: "cannot create: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw .issuingKey(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
        return key
    }

    /// Loads an existing key file.
    /// - Throws: ``ProofError/issuingKey(path:reason:)``.
    public static func load(path: String) throws(ProofError) -> IssuingKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .issuingKey(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & 0o077 == 0 else {
            throw .issuingKey(path: path, reason: "readable by other users (mode \(String(info.st_mode & 0o777, radix: 8))); chmod 600 it")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .issuingKey(path: path, reason: "cannot read the file")
        }
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        guard lines.count == 1, let raw = Data(base64Encoded: String(lines[0])),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw .issuingKey(path: path, reason: "expected one line with a base64 32-byte Ed25519 private key")
        }
        return IssuingKey(key)
    }

    /// The line a verifier adds to its trusted keys file.
    public func trustedKeyLine(label: String) -> String {
        "ed25519 \(self.publicKey.rawRepresentation.base64EncodedString()) \(label)"
    }

    /// Signs a document: digests its content and signs the payload.
    public func sign(_ document: ProofDocument) throws(ProofError) -> ProofPayload {
        var payload = ProofPayload(
            template: document.template, keyID: self.keyID, issuedAt: document.issuedAt, validityDays: document.validityDays,
            documentID: document.documentID, contentDigest: document.contentDigest(), signature: [])
        do {
            payload.signature = Array(try self.privateKey.signature(for: ProofPayload.signatureContext + payload.signedBytes))
        } catch {
            throw .issuingKey(path: "-", reason: "signing failed: \(error)")
        }
        return payload
    }
}
