import CashModule
import Testing

/// Outcomes of decoding everything in `bytes` fed in chunks of the given sizes.
func decodeAll(_ bytes: [UInt8], chunks: [Int]) -> [Result<SSPFrame, SSPFrameError>] {
    var decoder = SSPFrameDecoder()
    var results: [Result<SSPFrame, SSPFrameError>] = []
    var offset = 0
    var chunkIndex = 0
    while offset < bytes.count {
        let size = max(1, chunks[chunkIndex % chunks.count])
        chunkIndex += 1
        decoder.append(bytes[offset..<min(bytes.count, offset + size)])
        offset += size
        while true {
            do {
                guard let frame = try decoder.nextFrame() else { break }
                results.append(.success(frame))
            } catch {
                results.append(.failure(error))
            }
        }
    }
    return results
}

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("SSP decoder: chunking and random input")
struct SSPDecoderRobustnessTests {
    static let stream: [UInt8] = {
        var bytes: [UInt8] = [0x13, 0x37]
        let frames: [SSPFrame] = [
            SSPFrame(sequenceFlag: true, address: 0, data: [0xF0, 0xEF, 0x03]),
            SSPFrame(sequenceFlag: false, address: 0, data: [0xF0, 0xEE, 0x7F, 0xCC]),
            SSPFrame(sequenceFlag: true, address: 0x10, data: [0x7F, 0x7F, 0x7F]),
            SSPFrame(sequenceFlag: false, address: 0, data: Array(repeating: 0x7F, count: 255)),
        ]
        for frame in frames { bytes += frame.encoded() }
        bytes += [0x7F, 0x80, 0x02, 0xF0]  // cut short by the next frame
        bytes += SSPFrame(sequenceFlag: true, address: 0, data: [0xF0]).encoded()
        var corrupted = SSPFrame(sequenceFlag: true, address: 0, data: [0xF0, 0xE8]).encoded()
        corrupted[corrupted.count - 1] ^= 1
        bytes += corrupted
        return bytes
    }()

    @Test(arguments: [[1], [2], [3], [7], [64], [1, 5, 2, 11], [10_000]])
    func chunkingNeverChangesTheOutcome(chunks: [Int]) {
        let whole = decodeAll(Self.stream, chunks: [Self.stream.count])
        #expect(decodeAll(Self.stream, chunks: chunks).map(String.init(describing:)) == whole.map(String.init(describing:)))
        let frames = whole.compactMap { try? $0.get() }
        #expect(frames.count == 5)
        #expect(frames[3].data.count == 255)
        #expect(whole.filter { if case .failure = $0 { return true } else { return false } }.count == 3)
    }

    @Test func randomBytesNeverCrashAndEveryFrameCarriesAValidCRC() {
        var generator = SplitMix64(state: 0x0E17_2026)
        var frames = 0
        var errors = 0
        for round in 0..<400 {
            var bytes: [UInt8] = []
            let length = Int.random(in: 0...600, using: &generator)
            for _ in 0..<length {
                // Bias towards the bytes that matter (STX, SEQ/ID, small LEN values).
                let roll = UInt8.random(in: 0...255, using: &generator)
                bytes.append(roll < 40 ? 0x7F : roll < 60 ? 0x80 : roll < 80 ? UInt8.random(in: 0...4, using: &generator) : roll)
            }
            if round % 4 == 0 {
                bytes += SSPFrame(sequenceFlag: round % 8 == 0, address: 0, data: [0xF0, UInt8(truncatingIfNeeded: round)]).encoded()
            }
            let chunkSizes = (0..<5).map { _ in Int.random(in: 1...40, using: &generator) }
            let results = decodeAll(bytes, chunks: chunkSizes)
            #expect(results.map(String.init(describing:)) == decodeAll(bytes, chunks: [bytes.count + 1]).map(String.init(describing:)))
            for result in results {
                switch result {
                case .success(let frame):
                    frames += 1
                    // Re-encoding a decoded frame gives a frame that decodes to itself.
                    #expect(decodeAll(frame.encoded(), chunks: [1]).compactMap { try? $0.get() } == [frame])
                case .failure: errors += 1
                }
            }
        }
        // A random partial frame may swallow the good frame after it; most still come through.
        #expect(frames >= 50)
        #expect(errors > 0)
    }

    @Test func randomPollPayloadsNeverCrashTheEventParser() {
        var generator = SplitMix64(state: 42)
        for _ in 0..<5000 {
            let payload = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                ([0xEF, 0xEE, 0xE6, 0xCC, 0xEB, 0xE8, 0x00, 0x03, 0xFF] as [UInt8]).randomElement(using: &generator)!
            }
            if let events = try? SSPPollEvent.parse(payload) {
                #expect(events.flatMap(\.bytes).count == payload.count || events.contains(.reading))
            }
            _ = try? SSPSetupData(payload: payload)
            _ = try? SSPResponse(data: payload)
        }
    }
}
