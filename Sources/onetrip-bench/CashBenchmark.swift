import CashModule
import Foundation
import KioskCore
import KioskTestSupport

extension Benchmark {
    /// SSP framing throughput: encoding, chunked decoding of a stream heavy with stuffed bytes,
    /// and random input (the fuzz-style workload) through the decoder.
    static let sspCodec = Benchmark(name: "ssp-codec", summary: "SSP frame encode/decode throughput and random-input decoding") {
        let frames: [SSPFrame] = (0..<256).map { index in
            let events: [SSPPollEvent] = [.credit(channel: UInt8(index % 7 + 1)), .stacking, index % 3 == 0 ? .escrowed(channel: 0x7F) : .stacked]
            return SSPFrame(sequenceFlag: index % 2 == 0, address: 0, data: [0xF0] + events.flatMap(\.bytes))
        }
        let clock = ContinuousClock()
        let encodeRounds = 2000
        var encodedBytes = 0
        let encodeTime = clock.measure {
            for _ in 0..<encodeRounds { for frame in frames { encodedBytes &+= frame.encoded().count } }
        }
        let stream = frames.flatMap { $0.encoded() }
        let decodeRounds = 1000
        var decoded = 0
        let decodeTime = clock.measure {
            for _ in 0..<decodeRounds {
                var decoder = SSPFrameDecoder()
                var offset = 0
                while offset < stream.count {
                    decoder.append(stream[offset..<min(stream.count, offset + 37)])
                    offset += 37
                    while let frame = try? decoder.nextFrame() { decoded &+= frame.data.count > 0 ? 1 : 0 }
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let random = (0..<(4 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) | (Bool.random() ? 0 : 0x7F) }
        var outcomes = 0
        let randomTime = clock.measure {
            var decoder = SSPFrameDecoder()
            var offset = 0
            while offset < random.count {
                decoder.append(random[offset..<min(random.count, offset + 64)])
                offset += 64
                while true {
                    do {
                        guard try decoder.nextFrame() != nil else { break }
                        outcomes += 1
                    } catch {
                        outcomes += 1
                    }
                }
            }
        }
        return [
            Figure(name: "frames encoded per second", value: Double(encodeRounds * frames.count) / encodeTime.seconds, unit: "frames/s"),
            Figure(
                name: "frames decoded per second (37-byte chunks)", value: Double(decoded) / decodeTime.seconds, unit: "frames/s", goal: "≥ 100 (9600 baud carries ~100 frames/s)",
                meetsGoal: Double(decoded) / decodeTime.seconds >= 100),
            Figure(name: "random input decoded", value: Double(random.count) / randomTime.seconds / 1_048_576, unit: "MB/s"),
            Figure(name: "random-input outcomes (frames + typed errors), 4 MB", value: Double(outcomes), unit: "count"),
        ]
    }

    /// The cash-in ledger's durable append (`synchronous=FULL`, WAL): the time a stack intent
    /// adds before the accepting POLL.
    static let cashLedger = Benchmark(name: "cash-ledger", summary: "Cash-in ledger append latency with synchronous=FULL") {
        let directory = try Fixtures.temporaryDirectory("bench-ledger")
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try CashLedger(path: directory.appendingPathComponent("kiosk.sqlite").path)
        let transaction = TransactionID(session: SessionID(kioskID: "BENCH", number: 1))
        try ledger.append(.opened(transaction, amountDue: .yuan(1000)))
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for index in 0..<500 {
            let note = NoteInFlight(transactionID: transaction, index: index, channel: 3, value: .yuan(10))
            let start = clock.now
            try ledger.append(.note(.stackIntent, note, counter: UInt32(index)))
            samples.append(clock.now - start)
        }
        samples.sort()
        let p50 = samples[samples.count / 2].milliseconds
        let p99 = samples[samples.count * 99 / 100].milliseconds
        let folded = clock.measure { _ = try? ledger.cashIns() }
        return [
            Figure(name: "append p50", value: p50, unit: "ms", goal: "≤ 20 ms (one poll interval is 200 ms)", meetsGoal: p50 <= 20),
            Figure(name: "append p99", value: p99, unit: "ms"),
            Figure(name: "fold 501 lines into cash-ins", value: folded.milliseconds, unit: "ms"),
        ]
    }
}

