/// Why a validator gave a note back: the byte LAST REJECT CODE returns.
/// Source: ITL GA138 "Reject Codes"; kybarg/ssp `lib/static/reject_note.json` (research B.8).
public struct SSPRejectReason: Hashable, Sendable, CustomStringConvertible {
    /// The code.
    public var code: UInt8

    /// Wraps a code.
    public init(code: UInt8) { self.code = code }

    /// Rejected by the host (REJECT command).
    public static let rejectedByHost = SSPRejectReason(code: 0x08)
    /// The channel is inhibited by the host.
    public static let disabledByHost = SSPRejectReason(code: 0x0C)
    /// The note waited in escrow too long.
    public static let escrowTimeout = SSPRejectReason(code: 0x13)
    /// The note could not be validated.
    public static let validationFailed = SSPRejectReason(code: 0x04)

    /// Whether the citizen's own note was refused as not genuine or not readable (as opposed
    /// to refused by the kiosk or by timing).
    public var isValidationFailure: Bool { ![0x00, 0x06, 0x07, 0x08, 0x0C, 0x13].contains(self.code) }

    public var description: String {
        let name: String
        switch self.code {
        case 0x00: name = "note accepted"
        case 0x01: name = "note length incorrect"
        case 0x02, 0x03, 0x04, 0x05: name = "internal validation failed"
        case 0x06: name = "channel inhibited in the dataset"
        case 0x07: name = "second note inserted"
        case 0x08: name = "rejected by host"
        case 0x09: name = "note recognised in more than one channel"
        case 0x0A: name = "rear sensor error"
        case 0x0B: name = "note too long"
        case 0x0C: name = "channel inhibited by host"
        case 0x0D: name = "slow mechanism"
        case 0x0E: name = "strimming attempt"
        case 0x0F: name = "fraud channel"
        case 0x10: name = "no notes detected"
        case 0x11, 0x12: name = "validation failed"
        case 0x13: name = "escrow time-out"
        case 0x14: name = "bar code scan failed"
        case 0x15: name = "no cam activate"
        case 0x16, 0x17: name = "slot failure"
        case 0x18: name = "lens oversample"
        case 0x19: name = "width detection failed"
        case 0x1A: name = "short note"
        case 0x1B: name = "payout note"
        case 0x1C: name = "double note"
        case 0x1D: name = "unable to stack"
        default: name = "unknown reason"
        }
        return "\(name) (\([self.code].hexString))"
    }
}

/// The validator's persistent note counters (GET COUNTERS, 0x58): survive power cycles, so
/// after a crash they tell whether a note was stacked. Reply layout after 0xF0: the number of
/// counters, then five 4-byte little-endian counters: stacked, stored, dispensed, transferred
/// from store to stacker, rejected (kybarg/ssp `lib/utils.js` `GET_COUNTERS`; `docs/commands.md`
/// lists it for NV9USB, not NV200: units without it answer COMMAND NOT KNOWN).
public struct SSPCounters: Hashable, Sendable, CustomStringConvertible {
    /// Notes stacked into the cash box.
    public var stacked: UInt32
    /// Notes stored in a payout unit.
    public var stored: UInt32
    /// Notes dispensed.
    public var dispensed: UInt32
    /// Notes moved from store to stacker.
    public var transferredToStacker: UInt32
    /// Notes rejected.
    public var rejected: UInt32

    /// Creates the value.
    public init(stacked: UInt32, stored: UInt32 = 0, dispensed: UInt32 = 0, transferredToStacker: UInt32 = 0, rejected: UInt32 = 0) {
        self.stacked = stacked
        self.stored = stored
        self.dispensed = dispensed
        self.transferredToStacker = transferredToStacker
        self.rejected = rejected
    }

    /// Parses the payload (after 0xF0).
    /// - Throws: ``SSPProtocolError/malformedReply(command:detail:reply:)`` for a short reply.
    public init(payload: [UInt8]) throws(SSPProtocolError) {
        guard payload.count >= 21 else {
            throw .malformedReply(command: "GET COUNTERS", detail: "\(payload.count) bytes, 21 expected", reply: payload)
        }
        func counter(_ index: Int) -> UInt32 {
            let start = 1 + 4 * index
            return payload[start..<(start + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        self.init(stacked: counter(0), stored: counter(1), dispensed: counter(2), transferredToStacker: counter(3), rejected: counter(4))
    }

    /// The payload as the unit sends it.
    public var payload: [UInt8] {
        var bytes: [UInt8] = [5]
        for value: UInt32 in [self.stacked, self.stored, self.dispensed, self.transferredToStacker, self.rejected] {
            bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        return bytes
    }

    public var description: String { "stacked \(self.stacked), rejected \(self.rejected)" }
}
