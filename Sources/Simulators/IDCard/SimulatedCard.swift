import IDCardReader
import KioskCore

/// A card the simulated reader can hold: a synthetic identity encoded into the 256-byte text
/// block, plus stand-in bytes for the WLT photo and the fingerprints.
///
/// The photo and fingerprints are a deterministic byte pattern, not images: they only have the
/// sizes real cards have (1024 bytes of WLT; 1024, 512 or 0 bytes of fingerprints).
public struct SimulatedCard: Hashable, Sendable, CustomStringConvertible {
    /// The seed key (`alpha`), used by `place alpha`.
    public var key: String
    /// The identity the text block encodes.
    public var identity: Identity
    /// The encoded text block.
    public var textBlock: [UInt8]
    /// 1024 stand-in WLT bytes.
    public var photo: [UInt8]
    /// Stand-in fingerprint bytes (a multiple of 512, possibly empty).
    public var fingerprints: [UInt8]
    /// The newest appended address the card holds, if any.
    public var appendedAddress: String?

    /// Encodes an identity into a card.
    /// - Parameters:
    ///   - fingerprintTemplates: how many 512-byte fingerprint templates the card holds; by
    ///     default 2 on resident cards, 1 on J permits and none on foreigners' cards, so the three
    ///     reply sizes of a fingerprint read (2321, 1809, 1297 bytes) all occur.
    /// - Throws: ``CardTextError`` when a field does not fit the card.
    public init(key: String, identity: Identity, fingerprintTemplates: Int? = nil, appendedAddress: String? = nil) throws(CardTextError) {
        self.key = key
        self.identity = identity
        self.textBlock = try CardTextEncoder.encode(identity)
        let templates =
            fingerprintTemplates
            ?? {
                switch identity.cardType {
                case .residentID: 2
                case .hongKongMacaoTaiwanResidencePermit: 1
                case .foreignPermanentResident2017, .foreignPermanentResident2023: 0
                }
            }()
        self.photo = Self.pattern(count: 1024, seed: key + "/photo")
        self.fingerprints = Self.pattern(count: 512 * templates, seed: key + "/fingerprints")
        self.appendedAddress = appendedAddress
    }

    /// A card for a seed citizen (`seeds/citizens.json`).
    /// - Throws: ``CardTextError`` when a field does not fit the card.
    public init(citizen: SyntheticCitizen) throws(CardTextError) {
        try self.init(key: citizen.key, identity: citizen.identity)
    }

    /// The data of a successful read reply (30 01, or 30 10 with fingerprints).
    public func readReplyData(withFingerprints: Bool) -> [UInt8] {
        CardReadPayload(
            text: self.textBlock, photo: CardPhoto(rawWLTBytes: self.photo),
            fingerprints: CardFingerprints(rawBytes: self.fingerprints)
        ).replyData(withFingerprints: withFingerprints)
    }

    /// `alpha (居民身份证, 测*)`: masked.
    public var description: String { "\(self.key) (\(self.identity.cardType.name.zh), \(self.identity.masked.name))" }

    /// A reproducible byte pattern (xorshift32 seeded by FNV-1a of `seed`).
    static func pattern(count: Int, seed: String) -> [UInt8] {
        var state: UInt32 = 2_166_136_261
        for byte in seed.utf8 { state = (state ^ UInt32(byte)) &* 16_777_619 }
        if state == 0 { state = 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            bytes.append(UInt8(truncatingIfNeeded: state))
        }
        return bytes
    }
}
