/// Turns bytes from the line into ``SSPFrame``s, however the bytes are chunked.
///
/// A pure incremental decoder in the style of NIO's `NIOSingleStepByteToMessageDecoder`:
/// ``append(_:)`` bytes as they arrive, then call ``nextFrame()`` until it returns `nil`.
/// Receive rules (ITL C library `SSPDataIn`, kybarg/ssp `lib/parser/index.js`; research B.3):
/// inside a frame `7F 7F` is one literal 0x7F; a lone 0x7F followed by any other byte starts a
/// new frame and drops the partial one; a frame is complete after LEN + 4 unstuffed bytes.
/// Every malformed frame is thrown once as an ``SSPFrameError`` and decoding resumes after it.
/// The decoder never holds more than one frame (≤ 260 bytes) plus unread input.
public struct SSPFrameDecoder: Sendable {
    private enum State: Sendable {
        /// Looking for STX; `noise` holds skipped bytes not yet reported.
        case hunting
        /// Saw 0x7F while hunting: a start byte, unless another 0x7F follows (a stuffed byte).
        case sawStart
        /// Inside a frame: the unstuffed bytes from SEQ/ID on, and whether a 0x7F is pending.
        case inFrame(body: [UInt8], escapePending: Bool)
    }

    private var state: State = .hunting
    private var noise: [UInt8] = []
    private var input: [UInt8] = []
    private var inputIndex = 0
    /// How many noise bytes are collected before they are reported (bounds memory).
    static let noiseReportLimit = 256

    /// Creates an empty decoder.
    public init() {}

    /// Adds bytes read from the line.
    public mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        if self.inputIndex > 0, self.inputIndex == self.input.count {
            self.input.removeAll(keepingCapacity: true)
            self.inputIndex = 0
        }
        self.input.append(contentsOf: bytes)
    }

    /// Whether bytes are waiting to be decoded or a frame is half received.
    public var hasPendingBytes: Bool {
        if self.inputIndex < self.input.count || !self.noise.isEmpty { return true }
        if case .hunting = self.state { return false }
        return true
    }

    /// Forgets everything received so far (after a timeout, before a retry).
    public mutating func reset() {
        self.state = .hunting
        self.noise.removeAll()
        self.input.removeAll()
        self.inputIndex = 0
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    /// - Throws: ``SSPFrameError`` for one malformed frame or run of noise; call again to go on.
    public mutating func nextFrame() throws(SSPFrameError) -> SSPFrame? {
        while self.inputIndex < self.input.count {
            let byte = self.input[self.inputIndex]
            self.inputIndex += 1
            switch self.state {
            case .hunting:
                if byte == SSPFrame.stx {
                    self.state = .sawStart
                } else {
                    self.noise.append(byte)
                    if self.noise.count >= Self.noiseReportLimit { throw .unexpectedBytes(self.takeNoise()) }
                }
            case .sawStart:
                if byte == SSPFrame.stx {
                    // `7F 7F` outside a frame: a stuffed byte of a frame whose start we missed.
                    self.noise += [SSPFrame.stx, SSPFrame.stx]
                    self.state = .hunting
                    continue
                }
                self.state = .inFrame(body: [byte], escapePending: false)
                if !self.noise.isEmpty { throw .unexpectedBytes(self.takeNoise()) }
            case .inFrame(var body, let escapePending):
                if escapePending {
                    if byte == SSPFrame.stx {
                        body.append(SSPFrame.stx)
                    } else {
                        // A lone 0x7F was a new start byte: this byte is the new frame's SEQ/ID.
                        self.state = .inFrame(body: [byte], escapePending: false)
                        throw .interrupted(partial: body)
                    }
                } else if byte == SSPFrame.stx {
                    self.state = .inFrame(body: body, escapePending: true)
                    continue
                } else {
                    body.append(byte)
                }
                if let frame = try self.complete(body) { return frame }
            }
        }
        return nil
    }

    /// Checks a frame body once it is long enough; stores it back otherwise.
    private mutating func complete(_ body: [UInt8]) throws(SSPFrameError) -> SSPFrame? {
        guard body.count >= 2, body.count == Int(body[1]) + 4 else {
            self.state = .inFrame(body: body, escapePending: false)
            return nil
        }
        self.state = .hunting
        let length = Int(body[1])
        guard length > 0 else { throw .emptyFrame(sequenceAndAddress: body[0]) }
        let covered = body[0..<(2 + length)]
        let computed = SSPCRC.checksum(covered)
        let received = UInt16(body[2 + length]) | UInt16(body[3 + length]) << 8
        guard computed == received else { throw .crcMismatch(frame: body, computed: computed, received: received) }
        return SSPFrame(sequenceFlag: body[0] & 0x80 != 0, address: body[0] & 0x7F, data: Array(body[2..<(2 + length)]))
    }

    private mutating func takeNoise() -> [UInt8] {
        defer { self.noise.removeAll(keepingCapacity: true) }
        return self.noise
    }
}
