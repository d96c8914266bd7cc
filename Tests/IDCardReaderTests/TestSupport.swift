import Foundation
import IDCardReader

/// Bytes from a hex string (`"AA AA AA 96 69"`), for golden frames.
func hex(_ text: String) -> [UInt8] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { UInt8($0, radix: 16)! }
}

/// A seeded random number generator (SplitMix64), so "random chunks" are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Splits bytes into chunks: of one byte, all at once, or of random sizes.
enum Chunking: CustomStringConvertible, CaseIterable {
    case byteByByte, allAtOnce, random

    var description: String {
        switch self {
        case .byteByByte: "one byte at a time"
        case .allAtOnce: "all at once"
        case .random: "random chunks"
        }
    }

    func chunks(_ bytes: [UInt8], seed: UInt64 = 7) -> [[UInt8]] {
        switch self {
        case .byteByByte: return bytes.map { [$0] }
        case .allAtOnce: return [bytes]
        case .random:
            var generator = SeededGenerator(seed: seed)
            var chunks: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                let size = Int.random(in: 1...97, using: &generator)
                chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
                index += size
            }
            return chunks
        }
    }
}

/// Decodes a stream fed in chunks; collects frames and errors in order.
func decodeAll(_ chunks: [[UInt8]], maximumLength: Int = SAMFrame.defaultMaximumLength) -> (frames: [SAMFrame], errors: [SAMFrameError], skipped: Int) {
    var decoder = SAMFrameDecoder(maximumLength: maximumLength)
    var frames: [SAMFrame] = []
    var errors: [SAMFrameError] = []
    for chunk in chunks {
        decoder.append(chunk)
        while true {
            do {
                guard let frame = try decoder.nextFrame() else { break }
                frames.append(frame)
            } catch {
                errors.append(error)
            }
        }
    }
    do {
        _ = try decoder.finish()
    } catch {
        errors.append(error)
    }
    return (frames, errors, decoder.skippedByteCount)
}
