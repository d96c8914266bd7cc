/// Splits an ESC/POS byte stream into commands, as a printer's input stage does. Pure and
/// incremental: feed bytes as they arrive, in chunks of any size; a command split across chunks
/// is held until it is complete.
///
/// Command lengths follow research escpos-essp-payment.md A.10 (fixed lengths, `GS V` with or
/// without n, `GS ( k`/`GS ( L` = 5 + pL + 256·pH, `GS v 0` = 8 + x·y, `GS k` function A up to
/// NUL and function B 4 + n) plus the commands python-escpos sends. An unknown command is
/// reported with its offset and skipped (prefix and function byte), so decoding continues.
public struct ESCPOSDecoder: Sendable {
    /// One decoded command and where it started.
    public struct Decoded: Hashable, Sendable {
        /// The command.
        public var command: ESCPOSCommand
        /// Its first byte's offset in the stream.
        public var offset: Int
        /// How many bytes it took.
        public var length: Int
    }

    /// What the decoder found.
    public enum Output: Hashable, Sendable {
        /// A command.
        case command(Decoded)
        /// Bytes that are no command.
        case error(ESCPOSDecodeError)
    }

    /// The longest variable-length command accepted (a raster image of 1 MiB); longer lengths
    /// are reported as invalid instead of waiting forever for data.
    public static let maximumCommandLength = 1 << 20

    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var consumedOffset = 0

    /// Creates a decoder at stream offset 0.
    public init() {}

    /// Bytes received so far that do not yet form a whole command.
    public var pendingBytes: [UInt8] { Array(self.pending[self.pendingStart...]) }

    /// Decodes what `bytes` completes.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Output] {
        self.pending.append(contentsOf: bytes)
        var outputs: [Output] = []
        while self.pendingStart < self.pending.count {
            let slice = self.pending[self.pendingStart...]
            let offset = self.consumedOffset
            switch Self.parse(slice) {
            case .needMore:
                self.compact()
                return outputs
            case .command(let command, let length):
                outputs.append(.command(Decoded(command: command, offset: offset, length: length)))
                self.advance(length)
            case .failure(let makeError, let length):
                outputs.append(.error(makeError(offset)))
                self.advance(length)
            }
        }
        self.compact()
        return outputs
    }

    /// Ends the stream: an unfinished command is reported as truncated.
    public mutating func finish() -> [Output] {
        guard self.pendingStart < self.pending.count else { return [] }
        let error = ESCPOSDecodeError.truncated(self.pendingBytes, offset: self.consumedOffset)
        self.advance(self.pending.count - self.pendingStart)
        self.compact()
        return [.error(error)]
    }

    /// Decodes a whole stream at once.
    public static func decodeAll(_ bytes: [UInt8]) -> [Output] {
        var decoder = ESCPOSDecoder()
        return decoder.decode(bytes) + decoder.finish()
    }

    private mutating func advance(_ length: Int) {
        self.pendingStart += length
        self.consumedOffset += length
    }

    private mutating func compact() {
        if self.pendingStart == self.pending.count {
            self.pending.removeAll(keepingCapacity: true)
            self.pendingStart = 0
        } else if self.pendingStart > 4096 {
            self.pending.removeFirst(self.pendingStart)
            self.pendingStart = 0
        }
    }

    /// The result of parsing at the start of the pending bytes.
    enum Parse {
        case needMore
        case command(ESCPOSCommand, length: Int)
        case failure((Int) -> ESCPOSDecodeError, length: Int)

        static func unknown(_ bytes: ArraySlice<UInt8>, _ length: Int) -> Parse {
            let shown = Array(bytes.prefix(length))
            return .failure({ .unknownCommand(shown, offset: $0) }, length: length)
        }

        static func invalid(_ command: String, _ detail: String, length: Int) -> Parse {
            .failure({ .invalidParameter(command: command, detail: detail, offset: $0) }, length: length)
        }
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Parse {
        let first = bytes[bytes.startIndex]
        if first >= 0x20 {
            let end = bytes.firstIndex { $0 < 0x20 } ?? bytes.endIndex
            return .command(.printData(Array(bytes[bytes.startIndex..<end])), length: end - bytes.startIndex)
        }
        switch first {
        case 0x0A: return .command(.lineFeed, length: 1)
        case 0x0D: return .command(.carriageReturn, length: 1)
        case 0x09: return .command(.horizontalTab, length: 1)
        case 0x0C: return .command(.formFeed, length: 1)
        case 0x18: return .command(.cancel, length: 1)
        case 0x00: return .command(.null, length: 1)
        case 0x1B: return self.parseESC(bytes)
        case 0x1D: return self.parseGS(bytes)
        case 0x1C: return self.parseFS(bytes)
        case 0x10: return self.parseDLE(bytes)
        default: return .failure({ .unknownControlByte(first, offset: $0) }, length: 1)
        }
    }

    /// The byte at position `index` after the start, if it has arrived.
    static func byte(_ bytes: ArraySlice<UInt8>, _ index: Int) -> UInt8? {
        let position = bytes.startIndex + index
        return position < bytes.endIndex ? bytes[position] : nil
    }

    /// The bytes from `start` to `end` after the start, if all have arrived.
    static func range(_ bytes: ArraySlice<UInt8>, _ start: Int, _ end: Int) -> [UInt8]? {
        guard bytes.count >= end else { return nil }
        return Array(bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)])
    }
}
