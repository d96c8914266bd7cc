/// Bytes the simulated printer could not decode, with where they were in the stream.
public enum ESCPOSDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A command prefix (`ESC`, `GS`, `FS`, `DLE`) followed by a function the printer does not
    /// know; the prefix and function byte are skipped.
    case unknownCommand([UInt8], offset: Int)
    /// A control byte (`0x01…0x1F`) that is no ESC/POS command.
    case unknownControlByte(UInt8, offset: Int)
    /// A known command with a parameter the printer cannot accept (its bytes are skipped).
    case invalidParameter(command: String, detail: String, offset: Int)
    /// The stream ended (or the connection dropped) in the middle of a command.
    case truncated([UInt8], offset: Int)

    /// Where the problem starts, counted from the first byte of the connection.
    public var offset: Int {
        switch self {
        case .unknownCommand(_, let offset), .unknownControlByte(_, let offset), .invalidParameter(_, _, let offset), .truncated(_, let offset): offset
        }
    }

    public var description: String {
        switch self {
        case .unknownCommand(let bytes, let offset): "unknown command \(Self.hex(bytes)) at byte \(offset)"
        case .unknownControlByte(let byte, let offset): "unknown control byte \(Self.hex([byte])) at byte \(offset)"
        case .invalidParameter(let command, let detail, let offset): "\(command) at byte \(offset): \(detail)"
        case .truncated(let bytes, let offset): "command cut short at byte \(offset): \(Self.hex(bytes)) (connection dropped mid-command?)"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(12).map { byte -> String in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }
        return shown.joined(separator: " ") + (bytes.count > 12 ? " …" : "")
    }
}
