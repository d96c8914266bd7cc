/// A well-framed SSP reply whose content does not make sense: the frame arrived intact but the
/// bytes inside do not follow the manual. Carries the raw reply for the technician's log.
public enum SSPProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The first byte is not a generic response code (research B.6).
    case unknownResponseCode(UInt8, reply: [UInt8])
    /// A poll reply contains an event code this driver does not know; the rest of the reply
    /// cannot be parsed because event lengths depend on the code (research B.7).
    case unknownPollEvent(code: UInt8, reply: [UInt8])
    /// A poll event's data bytes are missing.
    case truncatedPollEvent(code: UInt8, reply: [UInt8])
    /// A reply is shorter or longer than its layout, or a field is impossible.
    case malformedReply(command: String, detail: String, reply: [UInt8])

    public var description: String {
        switch self {
        case .unknownResponseCode(let code, let reply):
            "SSP reply starts with \([code].hexString), which is not a response code: \(reply.prefix(24).hexString)"
        case .unknownPollEvent(let code, let reply):
            "SSP poll event \([code].hexString) is not known (protocol version mismatch?): \(reply.prefix(24).hexString)"
        case .truncatedPollEvent(let code, let reply):
            "SSP poll event \([code].hexString) is missing its data byte: \(reply.prefix(24).hexString)"
        case .malformedReply(let command, let detail, let reply):
            "SSP reply to \(command) is malformed (\(detail)): \(reply.prefix(24).hexString)"
        }
    }
}
