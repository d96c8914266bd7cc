import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import KioskTestSupport
import Logging
import Simulators

extension Benchmark {
    /// SAM frames decoded per second from a realistic byte stream, and card text blocks per second.
    static let samFrameDecoding = Benchmark(name: "sam-codec", summary: "SAM frames and card text blocks decoded per second") {
        let card = try SimulatedCard(citizen: try Fixtures.citizen("alpha"))
        // One poll cycle with a card: find (no card), find, select, read: 8 frames, 1424 bytes.
        let cycle: [SAMFrame] = [
            SAMCommand.findCard.frame, SAMResponse(status: .cardNotFound).frame,
            SAMCommand.findCard.frame, SAMResponse(status: .cardFound, data: [0, 0, 0, 0]).frame,
            SAMCommand.selectCard.frame, SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 8)).frame,
            SAMCommand.readTextAndPhoto.frame, SAMResponse(status: .success, data: card.readReplyData(withFingerprints: false)).frame,
        ]
        let cycleBytes = cycle.flatMap(\.encoded)
        let stream = Array([[UInt8]](repeating: cycleBytes, count: 3000).joined())
        let clock = ContinuousClock()
        var frames = 0
        let decodeTime = try clock.measure {
            for _ in 0..<5 {
                var decoder = SAMFrameDecoder()
                var index = 0
                while index < stream.count {
                    decoder.append(stream[index..<min(stream.count, index + 4096)])
                    index += 4096
                    while try decoder.nextFrame() != nil { frames += 1 }
                }
            }
        }
        let texts = 100_000
        var decodedNames = 0
        let textTime = try clock.measure {
            for _ in 0..<texts { decodedNames += try CardTextDecoder.decode(card.textBlock).name.count }
        }
        let decodeSeconds = decodeTime.seconds
        return [
            Figure(name: "frames decoded per second", value: Double(frames) / decodeSeconds, unit: "frames/s"),
            Figure(name: "bytes decoded per second", value: Double(stream.count * 5) / decodeSeconds / 1e6, unit: "MB/s",
                   goal: "≫ 0.0115 MB/s (115200 baud)", meetsGoal: Double(stream.count * 5) / decodeSeconds > 11_520),
            Figure(name: "card text blocks decoded per second", value: Double(texts) / textTime.seconds, unit: "blocks/s"),
        ]
    }

    /// Card placed on the simulator → `Identity` delivered by the driver, over a real PTY paced at
    /// 115200 baud, against the wire time of the frames of one find→select→read.
    static let idCardReadLatency = Benchmark(name: "idcard-latency", summary: "card placed → Identity delivered, over a PTY at 115200 baud") {
        let pollInterval = Duration.milliseconds(200)
        let trials = 60
        let simulator = try IDCardReaderSimulator(citizens: try Fixtures.citizens(), baudRate: 115_200, isPaced: true)
        await simulator.start()
        var logger = Logger(label: "onetrip.bench.idcard")
        logger.logLevel = .error
        let driver = IDCardReaderDriver(
            configuration: CardReaderConfiguration(devicePath: simulator.devicePath, pollInterval: pollInterval), logger: logger)
        let arrivals = ArrivalLog()
        let run = Task { await driver.run() }
        let listen = Task { for await event in driver.events { await arrivals.record(event) } }
        defer {
            run.cancel()
            listen.cancel()
        }
        // Wire bytes of one read: find, select, read (text + photo), requests and replies.
        let wireBytes = [SAMCommand.findCard.frame.wireCount, 15, SAMCommand.selectCard.frame.wireCount, 19,
                         SAMCommand.readTextAndPhoto.frame.wireCount, 1295].reduce(0, +)
        let wire = SerialPort.wireTime(byteCount: wireBytes, baudRate: 115_200)
        var generator = SystemRandomNumberGenerator()
        var latencies: [Duration] = []
        var afterFind: [Duration] = []
        for trial in 0..<trials {
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<200, using: &generator)))
            let index = await arrivals.count
            let placed = ContinuousClock.now
            try await simulator.place(trial % 2 == 0 ? "alpha" : "golf")
            guard let read = await arrivals.wait(after: index, for: "read") else { throw BenchmarkError.missing("card read in trial \(trial)") }
            latencies.append(read - placed)
            if let found = await simulator.lastCardFoundRequestTime { afterFind.append(read - found) }
            await simulator.remove()
            guard await arrivals.wait(after: index, for: "removed") != nil else { throw BenchmarkError.missing("removal in trial \(trial)") }
        }
        await simulator.stop()
        let sorted = latencies.sorted()
        let median = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        let exchange = afterFind.sorted()
        let exchangeMedian = exchange[exchange.count / 2]
        let exchangeP99 = exchange[min(exchange.count - 1, Int((Double(exchange.count) * 0.99).rounded(.up)) - 1)]
        let budget = pollInterval + .milliseconds(20)
        return [
            Figure(name: "wire time of find+select+read (\(wireBytes) bytes)", value: wire.milliseconds, unit: "ms"),
            Figure(name: "placed → Identity, median (\(trials) cards)", value: median.milliseconds, unit: "ms"),
            Figure(name: "placed → Identity, p99", value: p99.milliseconds, unit: "ms"),
            Figure(name: "overhead beyond wire time, median", value: (median - wire).milliseconds, unit: "ms"),
            Figure(name: "overhead beyond wire time, p99", value: (p99 - wire).milliseconds, unit: "ms",
                   goal: "≤ poll \(Int(pollInterval.milliseconds)) + 20 ms", meetsGoal: p99 - wire <= budget),
            Figure(name: "find received → Identity, beyond wire, median", value: (exchangeMedian - wire).milliseconds, unit: "ms"),
            Figure(name: "find received → Identity, beyond wire, p99", value: (exchangeP99 - wire).milliseconds, unit: "ms",
                   goal: "≤ 20 ms", meetsGoal: exchangeP99 - wire <= .milliseconds(20)),
        ]
    }
}

/// When each reader event arrived.
private actor ArrivalLog {
    private var arrivals: [(kind: String, at: ContinuousClock.Instant)] = []

    var count: Int { self.arrivals.count }

    func record(_ event: CardReaderEvent) {
        let now = ContinuousClock.now
        let kind: String =
            switch event {
            case .cardPresented: "presented"
            case .cardRead: "read"
            case .readFailed: "failed"
            case .cardRemoved: "removed"
            }
        self.arrivals.append((kind, now))
    }

    /// The arrival time of the first event of `kind` after `index`, waiting up to ten seconds.
    func wait(after index: Int, for kind: String) async -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let found = self.arrivals.dropFirst(index).first(where: { $0.kind == kind || $0.kind == "failed" }) {
                return found.kind == kind ? found.at : nil
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return nil
    }
}

