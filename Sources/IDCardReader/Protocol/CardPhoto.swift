/// The 1024-byte WLT photo from a card, kept as the raw bytes the SAM returned.
///
/// WLT is a proprietary compressed format that needs a licensed native decoder (research §3.7).
/// OneTrip never decodes, logs or stores it: the value exists so that a later component may pass
/// it on (for example to a face-comparison service) during the citizen's session only. It is not
/// `Codable`, and its description and mirror show only its size.
public struct CardPhoto: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The WLT bytes as read. Biometric data: never log, display or write them.
    public let rawWLTBytes: [UInt8]

    /// Wraps the bytes a read returned.
    public init(rawWLTBytes: [UInt8]) { self.rawWLTBytes = rawWLTBytes }

    /// `WLT photo, 1024 bytes (not decoded)`.
    public var description: String { "WLT photo, \(self.rawWLTBytes.count) bytes (not decoded)" }
    /// Same as ``description``.
    public var debugDescription: String { "CardPhoto(\(self.rawWLTBytes.count) bytes)" }
    /// A mirror with the size only.
    public var customMirror: Mirror { Mirror(self, children: ["byteCount": self.rawWLTBytes.count], displayStyle: .struct) }
}

/// The fingerprint file from a card (两枚指纹, 512 bytes each), kept as raw bytes and never
/// decoded, logged or stored (research §3.1, GA 490).
public struct CardFingerprints: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bytes as read. Biometric data: never log, display or write them.
    public let rawBytes: [UInt8]

    /// Wraps the bytes a read returned.
    public init(rawBytes: [UInt8]) { self.rawBytes = rawBytes }

    /// How many 512-byte fingerprint templates the file holds.
    public var templateCount: Int { self.rawBytes.count / 512 }

    /// `fingerprints, 1024 bytes (not decoded)`.
    public var description: String { "fingerprints, \(self.rawBytes.count) bytes (not decoded)" }
    /// Same as ``description``.
    public var debugDescription: String { "CardFingerprints(\(self.rawBytes.count) bytes)" }
    /// A mirror with the size only.
    public var customMirror: Mirror { Mirror(self, children: ["byteCount": self.rawBytes.count], displayStyle: .struct) }
}
