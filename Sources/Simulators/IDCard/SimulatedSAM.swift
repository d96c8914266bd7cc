import IDCardReader

/// The reader's side of the SAM protocol as a pure value: a request frame in, the reply out.
///
/// It enforces the order the real module needs (research §7.1: find → select → read, every
/// time) and answers from the verbatim frames of the research (§2.3): find `9F` + 4 bytes, select
/// `90` + 8 bytes, status `90`, failures with no data.
public struct SimulatedSAM: Sendable {
    /// Where the card is in the find → select → read sequence.
    public enum CardState: Hashable, Sendable {
        /// Not found yet (or the sequence was broken).
        case idle
        /// Found; select may follow.
        case found
        /// Selected; a read may follow.
        case selected
        /// Read by a reader that halts cards: find misses it until it is placed again.
        case halted
    }

    /// The card on the reader.
    public private(set) var card: SimulatedCard?
    /// Where that card is in the sequence.
    public private(set) var cardState: CardState = .idle
    /// Whether a read card stops answering find until it is placed again (some real modules do,
    /// research §7.2); when `false` it keeps answering.
    public var haltsCardAfterRead = false
    /// The active faults.
    public var faults = IDCardReaderFaults()
    /// The 16-byte SAM identifier returned by 12 FF.
    public var samIdentifier: [UInt8] = [0x05, 0x00, 0x01, 0x00] + Self.le32(20_240_101) + Self.le32(1) + Self.le32(42)
    /// The rate a 60 0x command asked for, if any (the simulated line keeps its speed).
    public private(set) var requestedBaudRate: SAMBaudRate?
    /// How many requests of each command arrived.
    public private(set) var commandCounts: [SAMCommand: Int] = [:]

    /// An empty reader.
    public init() {}

    /// Puts a card on the reader (replacing one that lies there).
    public mutating func place(_ card: SimulatedCard) {
        self.card = card
        self.cardState = .idle
    }

    /// Takes the card away.
    public mutating func remove() {
        self.card = nil
        self.cardState = .idle
    }

    /// Answers a request frame.
    public mutating func respond(to frame: SAMFrame) -> SAMResponse {
        let command: SAMCommand
        do {
            command = try SAMCommand(frame: frame)
        } catch {
            return SAMResponse(status: .invalidCommand)
        }
        self.commandCounts[command, default: 0] += 1
        if self.faults.take(.samFault) { return SAMResponse(status: .samSelfTestFailed) }
        switch command {
        case .resetSAM:
            self.cardState = .idle
            return SAMResponse(status: .success)
        case .samStatus:
            return SAMResponse(status: .success)
        case .readSAMID:
            return SAMResponse(status: .success, data: self.samIdentifier)
        case .findCard:
            return self.find()
        case .selectCard:
            return self.select()
        case .readTextAndPhoto:
            return self.read(withFingerprints: false)
        case .readWithFingerprints:
            return self.read(withFingerprints: true)
        case .readAppendedAddress:
            return self.appendedAddress()
        case .setBaudRate(let rate):
            self.requestedBaudRate = rate
            return SAMResponse(status: .success)
        case .setMaximumRFByteCount:
            return SAMResponse(status: .success)
        }
    }

    /// Answers a request that did not decode: 0x10 for a bad checksum, 0x11 for a bad length.
    public func respond(toMalformed error: SAMFrameError) -> SAMResponse? {
        switch error {
        case .checksumMismatch: SAMResponse(status: .hostChecksumError)
        case .impossibleLength: SAMResponse(status: .hostLengthError)
        case .truncated: nil
        }
    }

    private mutating func find() -> SAMResponse {
        guard self.card != nil, self.cardState != .halted, !self.faults.take(.noCard) else {
            if self.cardState != .halted { self.cardState = .idle }
            return SAMResponse(status: .cardNotFound)
        }
        self.cardState = .found
        return SAMResponse(status: .cardFound, data: [0x00, 0x00, 0x00, 0x00])
    }

    private mutating func select() -> SAMResponse {
        guard self.card != nil, self.cardState == .found, !self.faults.take(.selectFail) else {
            if self.cardState != .halted { self.cardState = .idle }
            return SAMResponse(status: .selectFailed)
        }
        self.cardState = .selected
        return SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 8))
    }

    private mutating func read(withFingerprints: Bool) -> SAMResponse {
        guard let card = self.card, self.cardState == .selected else {
            if self.cardState != .halted { self.cardState = .idle }
            return SAMResponse(status: .readFailed)
        }
        self.cardState = .idle
        if self.faults.take(.wrongCard) { return SAMResponse(status: .unrecognizedCardType) }
        if self.faults.take(.authenticationFail) { return SAMResponse(status: .samRejectedCard) }
        if self.faults.take(.readFail) { return SAMResponse(status: .readFailed) }
        if self.haltsCardAfterRead { self.cardState = .halted }
        return SAMResponse(status: .success, data: card.readReplyData(withFingerprints: withFingerprints))
    }

    private func appendedAddress() -> SAMResponse {
        guard let card = self.card else { return SAMResponse(status: .readFailed) }
        guard let address = card.appendedAddress else { return SAMResponse(status: .noContent) }
        // GA 490: one appended address is 70 bytes of UCS-2LE (research §3.1; reply layout uncertain).
        var data = [UInt8](repeating: 0, count: 70)
        for index in stride(from: 0, to: 70, by: 2) { data[index] = 0x20 }
        for (index, unit) in address.utf16.prefix(35).enumerated() {
            data[index * 2] = UInt8(unit & 0xFF)
            data[index * 2 + 1] = UInt8(unit >> 8)
        }
        return SAMResponse(status: .success, data: data)
    }

    private static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
