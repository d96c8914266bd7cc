/// Why bytes from the line did not make a valid SSP frame. The decoder reports each problem
/// once and carries on with the next frame, so a driver logs it and keeps going.
public enum SSPFrameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Bytes outside any frame (line noise, a half frame from before the port was opened).
    case unexpectedBytes([UInt8])
    /// A new STX arrived before the frame was complete; the partial frame (unstuffed, from
    /// SEQ/ID on) was dropped. Source of the rule: ITL C library `SSPDataIn` (research B.3).
    case interrupted(partial: [UInt8])
    /// The CRC did not match: the frame (unstuffed, from SEQ/ID on) was damaged on the line.
    case crcMismatch(frame: [UInt8], computed: UInt16, received: UInt16)
    /// LEN was 0: a frame must carry at least a command or response code.
    case emptyFrame(sequenceAndAddress: UInt8)

    public var description: String {
        switch self {
        case .unexpectedBytes(let bytes):
            "\(bytes.count) byte(s) outside any SSP frame (\(bytes.prefix(16).hexString)\(bytes.count > 16 ? " …" : "")): line noise or a wrong baud rate (SSP is 9600 8N2)"
        case .interrupted(let partial):
            "SSP frame cut short after \(partial.count) byte(s) (\(partial.prefix(16).hexString)) by a new start byte"
        case .crcMismatch(let frame, let computed, let received):
            "SSP frame with a bad CRC (computed \(Self.hex16(computed)), received \(Self.hex16(received))): \(frame.prefix(24).hexString)"
        case .emptyFrame(let seqID):
            "SSP frame with no data (SEQ/ID \([seqID].hexString), LEN 0)"
        }
    }

    private static func hex16(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
