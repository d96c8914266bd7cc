/// The data of a successful read reply, split into the text block, the photo and the
/// fingerprints, as the lengths at its start announce.
///
/// ```
/// 30 01: textLen(BE 2) photoLen(BE 2)              text photo
/// 30 10: textLen(BE 2) photoLen(BE 2) fpLen(BE 2)  text photo fingerprints
/// ```
/// Source: shared/research/idcard-sam-protocol.md §3.1 (HslCommunication offsets 14/270,
/// libzhouyb `ReadBaseMsg`/`ReadMsgFinger`, THID body offset 9).
public struct CardReadPayload: Hashable, Sendable {
    /// The text block (256 bytes on every known card).
    public var text: [UInt8]
    /// The WLT photo.
    public var photo: CardPhoto
    /// The fingerprints, for a 30 10 read (possibly empty when the card holds none).
    public var fingerprints: CardFingerprints?

    /// Creates a payload.
    public init(text: [UInt8], photo: CardPhoto, fingerprints: CardFingerprints? = nil) {
        self.text = text
        self.photo = photo
        self.fingerprints = fingerprints
    }

    /// Splits a read reply's data.
    /// - Parameters:
    ///   - data: the reply's data (after SW3).
    ///   - withFingerprints: whether the read was 30 10, whose data has a third length.
    /// - Throws: ``CardReadPayloadError`` when the lengths do not add up to the data's size.
    public init(replyData data: [UInt8], withFingerprints: Bool) throws(CardReadPayloadError) {
        let lengthCount = withFingerprints ? 3 : 2
        guard data.count >= lengthCount * 2 else { throw .missingLengths(dataCount: data.count) }
        func length(_ index: Int) -> Int { Int(data[index * 2]) << 8 | Int(data[index * 2 + 1]) }
        let textCount = length(0)
        let photoCount = length(1)
        let fingerprintCount = withFingerprints ? length(2) : 0
        let declared = lengthCount * 2 + textCount + photoCount + fingerprintCount
        guard declared == data.count else {
            throw .lengthMismatch(text: textCount, photo: photoCount, fingerprints: fingerprintCount, dataCount: data.count)
        }
        var index = lengthCount * 2
        self.text = Array(data[index..<(index + textCount)])
        index += textCount
        self.photo = CardPhoto(rawWLTBytes: Array(data[index..<(index + photoCount)]))
        index += photoCount
        self.fingerprints = withFingerprints ? CardFingerprints(rawBytes: Array(data[index..<(index + fingerprintCount)])) : nil
    }

    /// The reply data for this payload (the simulator's side).
    public func replyData(withFingerprints: Bool) -> [UInt8] {
        func be(_ value: Int) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
        let fingerprintBytes = self.fingerprints?.rawBytes ?? []
        var data = be(self.text.count) + be(self.photo.rawWLTBytes.count)
        if withFingerprints { data += be(fingerprintBytes.count) }
        data += self.text + self.photo.rawWLTBytes
        if withFingerprints { data += fingerprintBytes }
        return data
    }
}

/// Why a read reply's data cannot be split.
public enum CardReadPayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The data is too short to hold its length fields.
    case missingLengths(dataCount: Int)
    /// The announced lengths do not add up to the data's size.
    case lengthMismatch(text: Int, photo: Int, fingerprints: Int, dataCount: Int)

    /// The problem in words.
    public var description: String {
        switch self {
        case .missingLengths(let count): "read reply has \(count) data bytes, too few for its length fields"
        case .lengthMismatch(let text, let photo, let fingerprints, let count):
            "read reply announces text \(text) + photo \(photo) + fingerprints \(fingerprints) bytes, but carries \(count) data bytes"
        }
    }
}
