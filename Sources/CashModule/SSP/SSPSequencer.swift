/// The host's side of SSP's sequence flag: which flag the next command carries and whether a
/// reply answers the command sent. Pure; the link does the I/O.
///
/// Rules (ITL GA138 "Transport Layer"; ITL C library `CompileSSPCommand`; kybarg/ssp
/// `index.js`; research B.4): SYNC always goes with the flag set (0x80) and the command after it
/// with the flag clear; the flag toggles after every answered command; an unanswered command is
/// re-sent byte for byte with the same flag; a reply carries the command's address and flag.
public struct SSPSequencer: Sendable {
    /// The slave address.
    public let address: UInt8
    /// The flag the next new command carries.
    public private(set) var nextFlag = true

    /// Creates a sequencer for a slave address.
    public init(address: UInt8) {
        self.address = address
    }

    /// The frame for a new command.
    public func frame(for command: SSPCommand) -> SSPFrame {
        SSPFrame(sequenceFlag: command == .sync ? true : self.nextFlag, address: self.address, data: command.data)
    }

    /// Whether `reply` answers `sent` (same address and flag).
    public func answers(_ reply: SSPFrame, _ sent: SSPFrame) -> Bool {
        reply.address == sent.address && reply.sequenceFlag == sent.sequenceFlag
    }

    /// Records that `sent` was answered: the next command carries the other flag.
    public mutating func answered(_ sent: SSPFrame) {
        self.nextFlag = !sent.sequenceFlag
    }
}
