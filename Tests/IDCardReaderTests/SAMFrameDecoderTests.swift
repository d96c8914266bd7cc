import IDCardReader
import PropertyBased
import Testing

@Suite("SAM frame decoder")
struct SAMFrameDecoderTests {
    /// Every golden frame plus a full read reply, back to back.
    static var stream: (bytes: [UInt8], frames: [SAMFrame]) {
        var frames = SAMFrameGoldenTests.requests.map { $0.0.frame }
        frames += SAMFrameGoldenTests.replies.map { $0.1.frame }
        let payload = CardReadPayload(
            text: Array((0..<256).map { UInt8($0 & 0xFF) }), photo: CardPhoto(rawWLTBytes: (0..<1024).map { UInt8(($0 * 7) & 0xFF) }))
        frames.append(SAMResponse(status: .success, data: payload.replyData(withFingerprints: false)).frame)
        return (frames.flatMap(\.encoded), frames)
    }

    @Test("every frame decodes whatever the chunking", arguments: Chunking.allCases)
    func chunking(_ chunking: Chunking) {
        let (bytes, frames) = Self.stream
        for seed in UInt64(1)...5 {
            let decoded = decodeAll(chunking.chunks(bytes, seed: seed))
            #expect(decoded.frames == frames)
            #expect(decoded.errors.isEmpty)
            #expect(decoded.skipped == 0)
        }
    }

    @Test("noise before, between and after frames is skipped", arguments: Chunking.allCases)
    func resynchronisesOnGarbage(_ chunking: Chunking) {
        let (_, frames) = Self.stream
        let noise: [[UInt8]] = [[0x00, 0xFF], [0xAA, 0xAA, 0x96], [0xAA, 0xAA, 0xAA, 0x96], [0x69, 0x13], [0xAA]]
        var bytes: [UInt8] = []
        var noiseCount = 0
        for (index, frame) in frames.enumerated() {
            let junk = noise[index % noise.count]
            bytes += junk + frame.encoded
            noiseCount += junk.count
        }
        bytes += [0xAA, 0xAA]
        noiseCount += 2
        let decoded = decodeAll(chunking.chunks(bytes))
        #expect(decoded.frames == frames)
        #expect(decoded.errors.isEmpty)
        #expect(decoded.skipped == noiseCount)
    }

    @Test func aBadChecksumNamesTheOffsetAndTheNextFrameStillDecodes() {
        var corrupted = SAMCommand.findCard.encoded
        corrupted[9] ^= 0x01
        let bytes = [0x00, 0x00] + corrupted + SAMCommand.selectCard.encoded
        for chunking in Chunking.allCases {
            let decoded = decodeAll(chunking.chunks(bytes))
            #expect(decoded.errors == [.checksumMismatch(offset: 2, computed: 0x22, found: 0x23)], "\(chunking)")
            #expect(decoded.frames == [SAMCommand.selectCard.frame], "\(chunking)")
        }
        #expect(SAMFrameError.checksumMismatch(offset: 2, computed: 0x22, found: 0x23).description.contains("byte offset 2"))
    }

    @Test func impossibleLengthsAreRefusedAndTheDecoderResynchronises() {
        let tooShort: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x02, 0x20, 0x22]
        let tooLong: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xF0]
        let bytes = tooShort + tooLong + SAMCommand.findCard.encoded
        let decoded = decodeAll(Chunking.byteByByte.chunks(bytes))
        #expect(
            decoded.errors == [
                .impossibleLength(offset: 0, length: 2, allowed: 3...4096),
                .impossibleLength(offset: 9, length: 0xFFF0, allowed: 3...4096),
            ])
        #expect(decoded.frames == [SAMCommand.findCard.frame])
        let limited = decodeAll([SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 100)).frame.encoded], maximumLength: 50)
        #expect(limited.errors == [.impossibleLength(offset: 0, length: 104, allowed: 3...50)])
    }

    @Test func aFrameThatNeverFinishesIsReportedAsTruncated() {
        let read = SAMResponse(status: .success, data: [UInt8](repeating: 1, count: 1288 - 4)).frame.encoded
        let decoded = decodeAll([SAMCommand.findCard.encoded, Array(read.prefix(700))])
        #expect(decoded.frames == [SAMCommand.findCard.frame])
        #expect(decoded.errors == [.truncated(offset: 10, expectedCount: 1295, receivedCount: 700)])
        #expect(decoded.errors.first?.description == "byte offset 10: frame truncated: its length field announces 1295 bytes, only 700 arrived")
        let headerOnly = decodeAll([Array(read.prefix(6))])
        #expect(headerOnly.errors == [.truncated(offset: 0, expectedCount: 10, receivedCount: 6)])
    }

    @Test func partialInputIsKeptUntilTheRestArrives() throws {
        var decoder = SAMFrameDecoder()
        let bytes = SAMResponse(status: .cardFound, data: [1, 2, 3, 4]).frame.encoded
        decoder.append(bytes.prefix(6))
        #expect(try decoder.nextFrame() == nil)
        #expect(decoder.bufferedByteCount == 6)
        decoder.append(bytes.dropFirst(6).dropLast())
        #expect(try decoder.nextFrame() == nil)
        decoder.append([bytes.last!])
        #expect(try decoder.nextFrame() == SAMResponse(status: .cardFound, data: [1, 2, 3, 4]).frame)
        #expect(decoder.bufferedByteCount == 0)
        #expect(decoder.streamOffset == bytes.count)
    }

    @Test func framesNeverPrintTheirData() {
        let frame = SAMResponse(status: .success, data: Array("测试甲".utf8)).frame
        #expect(frame.description == "SAMFrame(len 13: 00 00 90 +9 bytes)")
        var dumped = ""
        dump(frame, to: &dumped)
        #expect(!dumped.contains("230"))  // 0xE6, the first UTF-8 byte of 测
    }

    @Test func randomBodiesSurviveEncodeAndDecode() async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 2...1500), Gen.int(in: 1...64)) { body, chunkSize in
            let frame = SAMFrame(body: body)
            let bytes = frame.encoded
            #expect(bytes.count == body.count + 8)
            var chunks: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                chunks.append(Array(bytes[index..<min(bytes.count, index + chunkSize)]))
                index += chunkSize
            }
            let decoded = decodeAll(chunks)
            #expect(decoded.frames == [frame])
            #expect(decoded.errors.isEmpty)
        }
    }
}
