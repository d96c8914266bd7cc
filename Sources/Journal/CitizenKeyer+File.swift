import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CitizenKeyer {
    /// Creates a keyer from the secret file (`privacy.citizen_key_file`): the secret as hex
    /// digits on one line. The daemon and `onetrip transactions --id-number` read the same file.
    /// - Throws: ``CitizenKeyerError`` naming the file and what is wrong.
    public init(secretFile path: String) throws(CitizenKeyerError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = access(path, F_OK) != 0 ? "no such file" : access(path, R_OK) != 0 ? "permission denied" : "\(error.localizedDescription)"
            throw .unreadableSecretFile(path: path, reason: reason)
        }
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { throw .malformedSecretFile(path: path) }
        var secret: [UInt8] = []
        secret.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { throw .malformedSecretFile(path: path) }
            secret.append(high << 4 | low)
        }
        try self.init(secret: secret)
    }

    /// Writes a new random 32-byte secret to `path` (mode 0640) unless the file exists; the
    /// daemon calls this at start. Give the file to the operators' group so `onetrip
    /// transactions --id-number` can read it.
    /// - Returns: whether a new file was written.
    @discardableResult
    public static func createSecretFileIfMissing(at path: String) throws(CitizenKeyerError) -> Bool {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = secret.map { String(format: "%02x", $0) }.joined() + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw .unwritableSecretFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o640)  // whatever the umask
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .unwritableSecretFile(path: path, reason: reason)
        }
        return true
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
