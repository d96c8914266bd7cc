import KioskCore

/// What the reader driver tells its owner about cards. The daemon turns these into the
/// session's `.cardPresented`, `.cardRead` and `.cardReadFailed` events.
///
/// Every presented card ends in exactly one ``cardRead(_:)`` or ``readFailed(_:)``, and a card is
/// reported again only after ``cardRemoved``.
public enum CardReaderEvent: Hashable, Sendable, CustomStringConvertible {
    /// A card answered find; reading starts.
    case cardPresented
    /// The card was read and its text decoded.
    case cardRead(CardReadResult)
    /// The card could not be read, authenticated or decoded after the allowed attempts.
    case readFailed(CardRejection)
    /// The card left the field (or, on readers that halt a card after reading it, stopped
    /// answering), or the reader was disconnected while a card lay on it.
    case cardRemoved

    /// Masked: names and numbers never reach a log through this.
    public var description: String {
        switch self {
        case .cardPresented: "card presented"
        case .cardRead(let result): "card read: \(result)"
        case .readFailed(let rejection): "card read failed: \(rejection)"
        case .cardRemoved: "card removed"
        }
    }
}

/// One card read: the decoded identity and the raw biometric data, which stays in memory.
public struct CardReadResult: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// The decoded text.
    public var identity: Identity
    /// The WLT photo, undecoded.
    public var photo: CardPhoto
    /// The fingerprints, when the reader is configured to read them.
    public var fingerprints: CardFingerprints?
    /// The newest appended address (追加住址), when asked for and present. Its wire format is
    /// uncertain (research §3.1); it is read as UCS-2LE text. Personal data.
    public var appendedAddress: String?

    /// Creates a result.
    public init(identity: Identity, photo: CardPhoto, fingerprints: CardFingerprints? = nil, appendedAddress: String? = nil) {
        self.identity = identity
        self.photo = photo
        self.fingerprints = fingerprints
        self.appendedAddress = appendedAddress
    }

    /// The masked identity and the sizes of the biometric data.
    public var description: String {
        var text = "\(self.identity.cardType.rawValue) \(self.identity.masked), \(self.photo)"
        if let fingerprints { text += ", \(fingerprints)" }
        if let appendedAddress { text += ", appended address \(PersonalDataMask.address(appendedAddress))" }
        return text
    }

    /// A mirror with only masked fields and sizes, so `dump` and test failures stay masked.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": self.description], displayStyle: .struct)
    }
}
