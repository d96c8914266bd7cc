/// Why bytes from a serial line are not a SAM frame, with the byte offset in the stream so a
/// technician can find the spot in a capture.
public enum SAMFrameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The checksum byte differs from the XOR of the length and body: the frame was corrupted on
    /// the line. `offset` is where its preamble starts.
    case checksumMismatch(offset: Int, computed: UInt8, found: UInt8)
    /// The length field is below 3 or above the decoder's limit: not a frame this protocol sends.
    case impossibleLength(offset: Int, length: Int, allowed: ClosedRange<Int>)
    /// The input ended (or the reply timed out) before the frame that starts at `offset` was complete.
    case truncated(offset: Int, expectedCount: Int, receivedCount: Int)

    /// The stream offset of the frame the error is about.
    public var offset: Int {
        switch self {
        case .checksumMismatch(let offset, _, _), .impossibleLength(let offset, _, _), .truncated(let offset, _, _): offset
        }
    }

    /// The problem, naming the byte offset.
    public var description: String {
        switch self {
        case .checksumMismatch(let offset, let computed, let found):
            "byte offset \(offset): frame checksum is 0x\(found.hexByte) but the XOR of its length and body is "
                + "0x\(computed.hexByte) (corrupted on the line: check the cable, baud rate and earthing)"
        case .impossibleLength(let offset, let length, let allowed):
            "byte offset \(offset): frame length field is \(length), outside \(allowed.lowerBound)…\(allowed.upperBound) "
                + "(not a SAM frame: wrong baud rate or noise that looks like a preamble)"
        case .truncated(let offset, let expected, let received):
            "byte offset \(offset): frame truncated: its length field announces \(expected) bytes, only \(received) arrived"
        }
    }
}
