import IDCardReader
import Testing

/// The verbatim frames of shared/research/idcard-sam-protocol.md §2.1 and §2.3.
@Suite("SAM frames: golden bytes from the protocol documents")
struct SAMFrameGoldenTests {
    static let requests: [(SAMCommand, String)] = [
        (.resetSAM, "AA AA AA 96 69 00 03 10 FF EC"),
        (.samStatus, "AA AA AA 96 69 00 03 11 FF ED"),
        (.readSAMID, "AA AA AA 96 69 00 03 12 FF EE"),
        (.findCard, "AA AA AA 96 69 00 03 20 01 22"),
        (.selectCard, "AA AA AA 96 69 00 03 20 02 21"),
        (.readTextAndPhoto, "AA AA AA 96 69 00 03 30 01 32"),
        (.readAppendedAddress, "AA AA AA 96 69 00 03 30 03 30"),
        (.readWithFingerprints, "AA AA AA 96 69 00 03 30 10 23"),
        (.setBaudRate(.rate115200), "AA AA AA 96 69 00 03 60 00 63"),
        (.setBaudRate(.rate57600), "AA AA AA 96 69 00 03 60 01 62"),
        (.setBaudRate(.rate38400), "AA AA AA 96 69 00 03 60 02 61"),
        (.setBaudRate(.rate19200), "AA AA AA 96 69 00 03 60 03 60"),
        (.setBaudRate(.rate9600), "AA AA AA 96 69 00 03 60 04 67"),
        (.setMaximumRFByteCount(0x50), "AA AA AA 96 69 00 04 61 FF 50 CA"),
    ]

    static let replies: [(String, SAMResponse)] = [
        ("AA AA AA 96 69 00 04 00 00 90 94", SAMResponse(status: .success)),
        ("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97", SAMResponse(status: .cardFound, data: [0, 0, 0, 0])),
        ("AA AA AA 96 69 00 04 00 00 80 84", SAMResponse(status: .cardNotFound)),
        ("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C", SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 8))),
        ("AA AA AA 96 69 00 04 00 00 81 85", SAMResponse(status: .selectFailed)),
        ("AA AA AA 96 69 00 04 00 00 41 45", SAMResponse(status: .readFailed)),
    ]

    @Test("every request encodes to its documented bytes", arguments: requests)
    func requestsEncode(command: SAMCommand, frame: String) throws {
        #expect(command.encoded == hex(frame))
        #expect(try SAMCommand(frame: SAMFrame(body: Array(hex(frame)[7..<(hex(frame).count - 1)]))) == command)
    }

    @Test("every documented reply decodes", arguments: replies)
    func repliesDecode(frame: String, expected: SAMResponse) throws {
        let decoded = decodeAll([hex(frame)])
        #expect(decoded.errors.isEmpty)
        let only = try #require(decoded.frames.first)
        #expect(try SAMResponse(frame: only) == expected)
        #expect(expected.frame.encoded == hex(frame))
    }

    @Test func aTextAndPhotoReadIs1295BytesWithTheDocumentedHeader() throws {
        let payload = CardReadPayload(text: [UInt8](repeating: 0x20, count: 256), photo: CardPhoto(rawWLTBytes: [UInt8](repeating: 7, count: 1024)))
        let bytes = SAMResponse(status: .success, data: payload.replyData(withFingerprints: false)).frame.encoded
        #expect(bytes.count == 1295)
        #expect(Array(bytes.prefix(14)) == hex("AA AA AA 96 69 05 08 00 00 90 01 00 04 00"))
        let frame = try #require(decodeAll([bytes]).frames.first)
        let decoded = try CardReadPayload(replyData: try SAMResponse(frame: frame).data, withFingerprints: false)
        #expect(decoded == payload)
    }

    @Test("a fingerprint read has the documented sizes", arguments: [(1024, 2321), (512, 1809), (0, 1297)])
    func fingerprintReadSizes(fingerprintCount: Int, total: Int) throws {
        let payload = CardReadPayload(
            text: [UInt8](repeating: 0x20, count: 256), photo: CardPhoto(rawWLTBytes: [UInt8](repeating: 1, count: 1024)),
            fingerprints: CardFingerprints(rawBytes: [UInt8](repeating: 2, count: fingerprintCount)))
        let bytes = SAMResponse(status: .success, data: payload.replyData(withFingerprints: true)).frame.encoded
        #expect(bytes.count == total)
        let lengthHigh = UInt8(fingerprintCount >> 8)
        #expect(Array(bytes[10..<16]) == [0x01, 0x00, 0x04, 0x00, lengthHigh, 0x00])
        if fingerprintCount == 1024 { #expect(Array(bytes.prefix(16)) == hex("AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00")) }
        let frame = try #require(decodeAll([bytes]).frames.first)
        let decoded = try CardReadPayload(replyData: try SAMResponse(frame: frame).data, withFingerprints: true)
        #expect(decoded.fingerprints?.rawBytes.count == fingerprintCount)
        #expect(decoded == payload)
    }

    @Test func theSAMIdentifierPrintsInHslCommunicationsFormat() throws {
        let data: [UInt8] = [0x05, 0x00, 0x01, 0x00, 0xE5, 0xD6, 0x34, 0x01, 0x01, 0, 0, 0, 0x2A, 0, 0, 0]
        let identifier = try #require(SAMIdentifier(replyData: data))
        #expect(identifier.description == "05.01-20240101-000000001-000000042")
        #expect(SAMIdentifier(replyData: [1, 2, 3]) == nil)
    }
}
