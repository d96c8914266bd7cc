import Foundation
import UploadContract

/// The kiosks a hub accepts and each one's signing key, read from a keys file:
///
/// ```
/// # kiosk id   key (hex, 256 bits)
/// HS-0001      9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
/// ```
///
/// Blank lines and `#` comments are ignored. Errors name the file and line.
public struct KioskKeyring: Sendable {
    private var keys: [String: KioskKey]

    /// A keyring from pairs.
    public init(_ keys: [String: KioskKey]) { self.keys = keys }

    /// The key of a kiosk, if known.
    public func key(for kioskID: String) -> KioskKey? { self.keys[kioskID] }

    /// The kiosk ids, sorted.
    public var kioskIDs: [String] { self.keys.keys.sorted() }

    /// Reads a keys file.
    /// - Throws: ``KeyringError`` with the file and line of the first problem.
    public init(contentsOfFile path: String) throws(KeyringError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeyringError(path: path, line: 0, reason: "cannot read: \(error.localizedDescription)")
        }
        try self.init(parsing: text, path: path)
    }

    /// Parses keys-file text.
    public init(parsing text: String, path: String = "<keys>") throws(KeyringError) {
        var keys: [String: KioskKey] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 2 else {
                throw KeyringError(path: path, line: index + 1, reason: "expected 'KIOSK-ID HEX-KEY', found \(fields.count) fields")
            }
            let kioskID = String(fields[0])
            guard keys[kioskID] == nil else { throw KeyringError(path: path, line: index + 1, reason: "kiosk \(kioskID) is listed twice") }
            do {
                keys[kioskID] = try KioskKey(hex: String(fields[1]))
            } catch {
                throw KeyringError(path: path, line: index + 1, reason: "kiosk \(kioskID): \(error)")
            }
        }
        self.keys = keys
    }
}

/// A problem in a keys file.
public struct KeyringError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line (0 when the file could not be read).
    public var line: Int
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(self.path):\(self.line): \(self.reason)" }
}
