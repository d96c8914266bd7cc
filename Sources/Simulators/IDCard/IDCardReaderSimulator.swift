import DeviceKit
import Foundation
import IDCardReader
import KioskCore

/// An ID card reader on a pseudo-terminal: the SAM's side of the protocol (``SimulatedSAM``)
/// behind a ``SimulatedSerialLink`` paced at the real line speed, with a queue of synthetic
/// cards and the faults a real reader shows.
///
/// ```swift
/// let simulator = try IDCardReaderSimulator(citizens: try Fixtures.citizens())
/// await simulator.start()
/// let driver = IDCardReaderDriver(configuration: .init(devicePath: simulator.devicePath))
/// try await simulator.place("alpha")
/// ```
///
/// Requests are taken at line speed too: a reply starts only after the request's own wire time,
/// so latencies measured against the simulator include the time both frames take on a real line.
public actor IDCardReaderSimulator {
    /// The simulated cable.
    public nonisolated let link: SimulatedSerialLink
    /// The reader's state (card, sequence, faults, counts).
    public private(set) var sam = SimulatedSAM()
    /// The cards ``place(_:)`` takes in turn when no key is given.
    public nonisolated let cards: [SimulatedCard]
    /// Extra delay before every reply, standing in for the SAM's own processing time.
    public var samProcessingTime: Duration = .zero
    /// The delay the `slow` fault adds before a reply.
    public var slowReplyDelay: Duration = .milliseconds(300)
    /// How many replies went out.
    public private(set) var replyCount = 0
    /// When the last find that found a card had fully arrived (for latency measurements).
    public private(set) var lastCardFoundRequestTime: ContinuousClock.Instant?
    /// When the last card read (text and photo) had fully gone out on the line, wall-clock time,
    /// so a benchmark in another process can tell the reader's own time from the daemon's.
    public private(set) var lastReadSentAt: Date?
    private var nextCardIndex = 0
    private var serveTask: Task<Void, Never>?
    private var fragmentCounter = 0

    /// Noise for the `garbage` fault: preamble fragments, CR/LF, but never a whole preamble.
    public static let garbageBytes: [UInt8] = [0x00, 0xFF, 0xAA, 0xAA, 0x13, 0x96, 0x69, 0xAA, 0xAA, 0xAA, 0x96, 0x55, 0x0D, 0x0A]

    /// Creates a simulator with a queue of cards (nothing on the reader yet).
    /// - Parameters:
    ///   - symlinkPath: a stable path for the PTY (survives unplug and plug), or `nil`.
    ///   - baudRate: the simulated line speed.
    ///   - isPaced: whether replies take their real wire time.
    public init(cards: [SimulatedCard], symlinkPath: String? = nil, baudRate: Int = 115_200, isPaced: Bool = true) throws(TransportError) {
        self.cards = cards
        self.link = try SimulatedSerialLink(symlinkPath: symlinkPath, baudRate: baudRate, isPaced: isPaced)
    }

    /// Creates a simulator holding the seed citizens' cards (`seeds/citizens.json`), in file order.
    /// - Throws: ``IDCardSimulatorError`` when a card cannot be encoded or the PTY cannot be made.
    public init(citizens: [SyntheticCitizen], symlinkPath: String? = nil, baudRate: Int = 115_200, isPaced: Bool = true) throws {
        var cards: [SimulatedCard] = []
        for citizen in citizens {
            do {
                cards.append(try SimulatedCard(citizen: citizen))
            } catch {
                throw IDCardSimulatorError.unencodableCard(key: citizen.key, error)
            }
        }
        try self.init(cards: cards, symlinkPath: symlinkPath, baudRate: baudRate, isPaced: isPaced)
    }

    /// The path a driver opens.
    public nonisolated var devicePath: String { self.link.devicePath }

    /// Starts answering requests.
    public func start() {
        guard self.serveTask == nil else { return }
        self.serveTask = Task { await self.serve() }
    }

    /// Stops answering and unplugs the link.
    public func stop() async {
        self.serveTask?.cancel()
        await self.serveTask?.value
        self.serveTask = nil
        self.link.unplug()
    }

    // MARK: Knobs

    /// Places a card: the one with `key`, or the next in the queue. A card already there is replaced.
    /// - Throws: ``IDCardSimulatorError/unknownCard(_:)``.
    @discardableResult
    public func place(_ key: String? = nil) throws(IDCardSimulatorError) -> SimulatedCard {
        let card: SimulatedCard
        if let key {
            guard let found = self.cards.first(where: { $0.key == key }) else { throw .unknownCard(key) }
            card = found
        } else {
            guard !self.cards.isEmpty else { throw .unknownCard("(the queue is empty)") }
            card = self.cards[self.nextCardIndex % self.cards.count]
            self.nextCardIndex += 1
        }
        self.sam.place(card)
        return card
    }

    /// Places a card that is not in the queue.
    public func place(card: SimulatedCard) {
        self.sam.place(card)
    }

    /// Takes the card away.
    public func remove() {
        self.sam.remove()
    }

    /// Turns a fault on for `count` occurrences, or until cleared when `count` is `nil`.
    public func inject(_ fault: IDCardReaderFault, count: Int? = 1) {
        self.sam.faults.inject(fault, count.map { .times($0) } ?? .always)
    }

    /// Turns every fault off.
    public func clearFaults() {
        self.sam.faults.clear()
    }

    /// Makes a read card stop answering find until it is placed again (like some real modules).
    public func setHaltsCardAfterRead(_ halts: Bool) {
        self.sam.haltsCardAfterRead = halts
    }

    /// Sets the extra delay before every reply.
    public func setSAMProcessingTime(_ duration: Duration) {
        self.samProcessingTime = duration
    }

    /// Pulls the cable: the driver's port fails with EIO/hang-up.
    public func unplug() {
        self.link.unplug()
    }

    /// Plugs the cable back in (a new PTY at the same symlink).
    public func plugIn() throws(TransportError) {
        try self.link.plugIn()
    }

    // MARK: Serving

    private func serve() async {
        var decoder = SAMFrameDecoder()
        while !Task.isCancelled {
            let bytes: [UInt8]
            do {
                bytes = try await self.link.receive(maximumCount: 4096, timeout: .milliseconds(500))
            } catch {
                switch error {
                case .timeout: continue
                case .cancelled: return
                default:
                    // Unplugged: wait for the cable to come back, forgetting half-received requests.
                    decoder = SAMFrameDecoder()
                    try? await Task.sleep(for: .milliseconds(10))
                    continue
                }
            }
            decoder.append(bytes)
            let receivedAt = ContinuousClock.now
            while !Task.isCancelled {
                let reply: SAMResponse?
                let requestCount: Int
                do {
                    guard let frame = try decoder.nextFrame() else { break }
                    requestCount = frame.wireCount
                    reply = self.sam.faults.take(.mute) ? nil : self.sam.respond(to: frame)
                    if reply?.status == .cardFound { self.lastCardFoundRequestTime = receivedAt }
                } catch {
                    requestCount = SAMFrame.headerLength
                    reply = self.sam.respond(toMalformed: error)
                }
                guard let reply else { continue }
                await self.send(reply, afterRequestOf: requestCount)
            }
        }
    }

    private func send(_ reply: SAMResponse, afterRequestOf requestCount: Int) async {
        var bytes = reply.frame.encoded
        if self.sam.faults.take(.corruptChecksum) { bytes[bytes.count - 1] ^= 0xFF }
        if self.sam.faults.take(.garbage) { bytes = Self.garbageBytes + bytes }
        let isFragmented = self.sam.faults.take(.fragmented)
        var delay = self.samProcessingTime
        if self.link.isPaced { delay += SerialPort.wireTime(byteCount: requestCount, baudRate: self.link.baudRate) }
        if self.sam.faults.take(.slow) { delay += self.slowReplyDelay }
        do {
            if delay > .zero { try await Task.sleep(for: delay) }
            if isFragmented {
                var index = 0
                while index < bytes.count {
                    self.fragmentCounter += 1
                    let size = [1, 3, 7, 2, 64, 5, 129][self.fragmentCounter % 7]
                    let end = min(bytes.count, index + size)
                    try await self.link.send(Array(bytes[index..<end]))
                    index = end
                    try await Task.sleep(for: .milliseconds(2 + self.fragmentCounter % 5))
                }
            } else {
                try await self.link.send(bytes)
            }
            self.replyCount += 1
            // A read answers with the 256-byte text block and the 1024-byte photo (and more);
            // every other reply is short.
            if reply.status == .success, reply.data.count >= 1280 { self.lastReadSentAt = Date() }
        } catch {
            // Unplugged or stopped mid-reply: the driver sees a truncated frame, as on a real line.
        }
    }
}

/// Why the simulator refused a request of its owner.
public enum IDCardSimulatorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No card with this key is in the queue.
    case unknownCard(String)
    /// A seed identity does not fit its card's text block.
    case unencodableCard(key: String, CardTextError)

    /// The problem in words.
    public var description: String {
        switch self {
        case .unknownCard(let key): "no card '\(key)' in the simulator's queue"
        case .unencodableCard(let key, let error): "card '\(key)' cannot be encoded: \(error)"
        }
    }
}
