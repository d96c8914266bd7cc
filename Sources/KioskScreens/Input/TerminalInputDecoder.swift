/// Turns the bytes a terminal sends into ``TerminalInput``s: keys, keypad keys and mouse
/// reports. A pure value: feed it bytes as they arrive, in chunks of any size.
///
/// Recognised (xterm's ctlseqs, "Mouse Tracking" and "PC-Style Function Keys"):
/// - printable characters (UTF-8), CR/LF as Enter, a lone ESC as Escape;
/// - SGR mouse reports `ESC [ < b ; x ; y M` (press) / `m` (release), 1-based x and y;
/// - X10 mouse reports `ESC [ M b x y` with each value offset by 32 (release is button 3);
/// - the numeric keypad in application mode: `ESC O p`…`ESC O y` for 0–9, `ESC O M` for Enter,
///   `ESC O j` for `*`;
/// - anything else that is a well-formed CSI or SS3 sequence becomes ``TerminalInput/ignored``.
///
/// An ESC followed by nothing might be the start of a sequence: it stays pending until more
/// bytes come or the owner calls ``flush()`` after a short pause (the way ncurses' ESCDELAY works).
public struct TerminalInputDecoder: Sendable {
    private var pending: [UInt8] = []

    /// The longest sequence kept waiting for its end; longer garbage is dropped.
    static let maximumSequenceLength = 64

    /// Creates a decoder.
    public init() {}

    /// Whether bytes are waiting for the rest of a sequence (the owner should call ``flush()``
    /// if nothing more arrives within ~50 ms).
    public var hasPendingBytes: Bool { !self.pending.isEmpty }

    /// Decodes bytes; incomplete sequences wait for the next call.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [TerminalInput] {
        self.pending.append(contentsOf: bytes)
        var inputs: [TerminalInput] = []
        while !self.pending.isEmpty {
            guard let (input, length) = Self.parse(self.pending[...]) else {
                if self.pending.count > Self.maximumSequenceLength {
                    self.pending.removeAll()
                    inputs.append(.ignored)
                }
                break
            }
            self.pending.removeFirst(length)
            if let input { inputs.append(input) }
        }
        return inputs
    }

    /// Gives up waiting: a lone ESC becomes Escape, any other unfinished sequence is dropped.
    public mutating func flush() -> [TerminalInput] {
        defer { self.pending.removeAll() }
        guard let first = self.pending.first else { return [] }
        if first == 0x1B {
            // ESC then something that never completed (ESC [ with no final byte): Escape, then the rest dropped.
            return self.pending.count == 1 ? [.escape] : [.escape, .ignored]
        }
        return [.ignored]
    }

    /// Parses one input from the front of `bytes`: nil when more bytes are needed, else the
    /// input (nil for bytes that mean nothing, such as a stray NUL) and the bytes it took.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (TerminalInput?, Int)? {
        let first = bytes[bytes.startIndex]
        switch first {
        case 0x1B:
            return self.parseEscape(bytes)
        case 0x0D, 0x0A:
            return (.enter, 1)
        case 0x20...0x7E:
            return (.character(Character(Unicode.Scalar(first))), 1)
        case 0x00..<0x20, 0x7F:
            return (nil, 1)
        default:
            return self.parseUTF8(bytes)
        }
    }

    private static func parseEscape(_ bytes: ArraySlice<UInt8>) -> (TerminalInput?, Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            return self.parseCSI(bytes)
        case UInt8(ascii: "O"):
            guard bytes.count >= 3 else { return nil }
            return (self.keypadKey(bytes[start + 2]), 3)
        case 0x1B:
            // ESC ESC: the first is a lone Escape.
            return (.escape, 1)
        default:
            // Alt+key: not a kiosk key.
            return (.ignored, 2)
        }
    }

    /// xterm's keypad in application mode (SS3 p…y, M, j).
    private static func keypadKey(_ final: UInt8) -> TerminalInput {
        switch final {
        case UInt8(ascii: "p")...UInt8(ascii: "y"): .character(Character(Unicode.Scalar(final - UInt8(ascii: "p") + UInt8(ascii: "0"))))
        case UInt8(ascii: "M"): .enter
        case UInt8(ascii: "j"): .character("*")
        default: .ignored
        }
    }

    private static func parseCSI(_ bytes: ArraySlice<UInt8>) -> (TerminalInput?, Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 3 else { return nil }
        if bytes[start + 2] == UInt8(ascii: "M") {
            // X10: ESC [ M b x y, each byte offset by 32.
            guard bytes.count >= 6 else { return nil }
            let code = Int(bytes[start + 3]) - 32
            let column = Int(bytes[start + 4]) - 33
            let row = Int(bytes[start + 5]) - 33
            return (self.mouse(code: code, isRelease: code & 3 == 3, row: row, column: column), 6)
        }
        // Parameters 0x30–0x3F, intermediates 0x20–0x2F, final 0x40–0x7E.
        var index = start + 2
        while index < bytes.endIndex, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { return nil }
        let final = bytes[index]
        let length = index - start + 1
        guard (0x40...0x7E).contains(final) else { return (.ignored, length - 1) }
        if bytes[start + 2] == UInt8(ascii: "<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
            let fields = String(decoding: bytes[(start + 3)..<index], as: UTF8.self).split(separator: ";").map { Int($0) }
            guard fields.count == 3, let code = fields[0], let x = fields[1], let y = fields[2], x >= 1, y >= 1 else { return (.ignored, length) }
            return (self.mouse(code: code, isRelease: final == UInt8(ascii: "m"), row: y - 1, column: x - 1), length)
        }
        return (.ignored, length)
    }

    private static func mouse(code: Int, isRelease: Bool, row: Int, column: Int) -> TerminalInput {
        guard row >= 0, column >= 0 else { return .ignored }
        let isWheel = code & 64 != 0
        let button: MouseReport.Button = (!isWheel && code & 3 == 0) || (isRelease && code & 3 == 3) ? .primary : .other
        return .mouse(MouseReport(button: button, isPress: !isRelease, isMotion: code & 32 != 0, row: row, column: column))
    }

    private static func parseUTF8(_ bytes: ArraySlice<UInt8>) -> (TerminalInput?, Int)? {
        let first = bytes[bytes.startIndex]
        let length: Int
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)
        }
        guard bytes.count >= length else { return nil }
        let sequence = bytes.prefix(length)
        guard sequence.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }),
            let character = String(validating: sequence, as: UTF8.self)?.first
        else { return (nil, 1) }
        return (.character(character), length)
    }
}
