import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A secret kept in a file only its owner can read: the citizen-key secret, the upload key.
/// Created with 32 random bytes (written as hex) when missing; refused when others can read it.
public enum SecretFile {
    /// Loads the secret, creating it if the file does not exist.
    /// - Throws: ``SecretFileError`` for a file others can read, or unreadable content.
    public static func loadOrCreate(path: String, byteCount: Int = 32) throws(SecretFileError) -> [UInt8] {
        if !FileManager.default.fileExists(atPath: path) {
            var bytes = [UInt8](repeating: 0, count: byteCount)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
            let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw .unwritable(path)
            }
            return bytes
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(path, "cannot stat") }
        if info.st_mode & 0o077 != 0 {
            throw .tooOpen(path, String(info.st_mode & 0o777, radix: 8))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path, "not UTF-8 text") }
        let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16), hex.distance(from: index, to: next) == 2 else {
                throw .unreadable(path, "not hex")
            }
            bytes.append(byte)
            index = next
        }
        guard bytes.count >= 16 else { throw .unreadable(path, "shorter than 128 bits") }
        return bytes
    }
}

/// Why a secret file cannot be used.
public enum SecretFileError: Error, Hashable, Sendable, CustomStringConvertible {
    case unwritable(String)
    case unreadable(String, String)
    case tooOpen(String, String)

    public var description: String {
        switch self {
        case .unwritable(let path): "cannot create the secret file \(path)"
        case .unreadable(let path, let why): "cannot read the secret file \(path): \(why)"
        case .tooOpen(let path, let mode): "the secret file \(path) has mode \(mode); others can read it — run chmod 600 \(path)"
        }
    }
}
