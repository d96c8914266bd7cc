/// A reply from the SAM: two status words forwarded from the card, the SAM's own status SW3,
/// and the command's data.
///
/// Source: shared/research/idcard-sam-protocol.md §1.2. Every implementation looks only at SW3;
/// SW1 and SW2 are normally `00 00`.
public struct SAMResponse: Hashable, Sendable, CustomStringConvertible {
    /// SW1, forwarded from the card's APDU reply.
    public var sw1: UInt8
    /// SW2, forwarded from the card's APDU reply.
    public var sw2: UInt8
    /// SW3, the SAM's status.
    public var status: SAMStatus
    /// The data after SW3 (card text and photo for a read, the SAM ID, the find IIN…).
    public var data: [UInt8]

    /// Creates a reply.
    public init(status: SAMStatus, data: [UInt8] = [], sw1: UInt8 = 0, sw2: UInt8 = 0) {
        self.sw1 = sw1
        self.sw2 = sw2
        self.status = status
        self.data = data
    }

    /// Reads a reply frame.
    /// - Throws: ``SAMResponseError/tooShort(bodyCount:)`` when the body has no room for SW1–SW3.
    public init(frame: SAMFrame) throws(SAMResponseError) {
        guard frame.body.count >= 3 else { throw .tooShort(bodyCount: frame.body.count) }
        self.init(status: SAMStatus(rawValue: frame.body[2]), data: Array(frame.body.dropFirst(3)), sw1: frame.body[0], sw2: frame.body[1])
    }

    /// The reply frame.
    public var frame: SAMFrame { SAMFrame(body: [self.sw1, self.sw2, self.status.rawValue] + self.data) }

    /// The status and the data's size (never the data: it may be a card's text).
    public var description: String { "\(self.status), \(self.data.count) data bytes" }
}

/// Why a frame is not a usable reply.
public enum SAMResponseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The body is shorter than SW1 SW2 SW3.
    case tooShort(bodyCount: Int)

    /// The problem in words.
    public var description: String {
        switch self {
        case .tooShort(let count): "reply body has \(count) bytes, a reply needs SW1 SW2 SW3"
        }
    }
}
