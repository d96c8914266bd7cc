/// One event from a banknote validator's poll reply, in the 1-byte-channel form NV9, NV10 and
/// NV200 use (protocol versions 4–8). Several events can arrive in one reply; a driver must
/// handle every one, in order.
///
/// Codes and data lengths: ITL GA138 event tables; kybarg/ssp `lib/static/status_desc.json` and
/// `parseData`; ITL C library `ssp6_poll` (research B.7).
public enum SSPPollEvent: Hashable, Sendable, CustomStringConvertible {
    /// 0xF1 — power-up or reset: the protocol version and inhibits are lost; redo the set-up.
    case slaveReset
    /// 0xEF 00 — a note is being scanned (repeats).
    case reading
    /// 0xEF ch — a valid note is held in escrow on channel `ch`. Not money yet.
    case escrowed(channel: UInt8)
    /// 0xEE ch — the note on channel `ch` is past the point of recovery: the only credit point.
    case credit(channel: UInt8)
    /// 0xED — rejecting a note (repeats).
    case rejecting
    /// 0xEC — a note was given back; ask LAST REJECT CODE why.
    case rejected
    /// 0xCC — stacking a note.
    case stacking
    /// 0xEB — stacking finished.
    case stacked
    /// 0xEA — a note jammed beyond the citizen's reach (no credit event follows).
    case safeJam
    /// 0xE9 — a note jammed where the citizen might pull it back out (never credit it).
    case unsafeJam
    /// 0xE8 — the unit is disabled.
    case disabled
    /// 0xE7 — the stacker (cash box) is full.
    case stackerFull
    /// 0xE6 ch — a fraud attempt on channel `ch` (0 = unknown).
    case fraudAttempt(channel: UInt8)
    /// 0xE1 ch — at power-up a note in the path was returned to the citizen.
    case noteClearedFromFront(channel: UInt8)
    /// 0xE2 ch — at power-up a note in the path was stacked into the cash box.
    case noteClearedIntoCashbox(channel: UInt8)
    /// 0xE3 — the cash box was taken out.
    case cashboxRemoved
    /// 0xE4 — the cash box is back.
    case cashboxReplaced
    /// 0xE0 — the note path is open (NV200).
    case notePathOpen
    /// 0xB5 — every channel is inhibited.
    case channelDisable
    /// 0xB6 — the unit is initialising.
    case initialising
    /// 0xE5 — a bar-code ticket was validated (ticket readers only).
    case barCodeTicketValidated
    /// 0xD1 — a bar-code ticket was acknowledged (ticket readers only).
    case barCodeTicketAcknowledged

    /// The event code.
    public var code: UInt8 {
        switch self {
        case .slaveReset: 0xF1
        case .reading, .escrowed: 0xEF
        case .credit: 0xEE
        case .rejecting: 0xED
        case .rejected: 0xEC
        case .stacking: 0xCC
        case .stacked: 0xEB
        case .safeJam: 0xEA
        case .unsafeJam: 0xE9
        case .disabled: 0xE8
        case .stackerFull: 0xE7
        case .fraudAttempt: 0xE6
        case .noteClearedFromFront: 0xE1
        case .noteClearedIntoCashbox: 0xE2
        case .cashboxRemoved: 0xE3
        case .cashboxReplaced: 0xE4
        case .notePathOpen: 0xE0
        case .channelDisable: 0xB5
        case .initialising: 0xB6
        case .barCodeTicketValidated: 0xE5
        case .barCodeTicketAcknowledged: 0xD1
        }
    }

    /// The event as it appears in a poll reply.
    public var bytes: [UInt8] {
        switch self {
        case .reading: [self.code, 0]
        case .escrowed(let channel), .credit(let channel), .fraudAttempt(let channel), .noteClearedFromFront(let channel),
            .noteClearedIntoCashbox(let channel):
            [self.code, channel]
        default: [self.code]
        }
    }

    /// Event codes followed by one data byte.
    static let codesWithChannel: Set<UInt8> = [0xEF, 0xEE, 0xE6, 0xE1, 0xE2]

    /// Parses the payload of a poll reply (the bytes after 0xF0).
    /// - Throws: ``SSPProtocolError`` for an unknown code (lengths depend on it, so parsing stops)
    ///   or a missing data byte.
    public static func parse(_ payload: [UInt8]) throws(SSPProtocolError) -> [SSPPollEvent] {
        var events: [SSPPollEvent] = []
        var index = 0
        while index < payload.count {
            let code = payload[index]
            index += 1
            var channel: UInt8 = 0
            if Self.codesWithChannel.contains(code) {
                guard index < payload.count else { throw .truncatedPollEvent(code: code, reply: payload) }
                channel = payload[index]
                index += 1
            }
            switch code {
            case 0xF1: events.append(.slaveReset)
            case 0xEF: events.append(channel == 0 ? .reading : .escrowed(channel: channel))
            case 0xEE: events.append(.credit(channel: channel))
            case 0xED: events.append(.rejecting)
            case 0xEC: events.append(.rejected)
            case 0xCC: events.append(.stacking)
            case 0xEB: events.append(.stacked)
            case 0xEA: events.append(.safeJam)
            case 0xE9: events.append(.unsafeJam)
            case 0xE8: events.append(.disabled)
            case 0xE7: events.append(.stackerFull)
            case 0xE6: events.append(.fraudAttempt(channel: channel))
            case 0xE1: events.append(.noteClearedFromFront(channel: channel))
            case 0xE2: events.append(.noteClearedIntoCashbox(channel: channel))
            case 0xE3: events.append(.cashboxRemoved)
            case 0xE4: events.append(.cashboxReplaced)
            case 0xE0: events.append(.notePathOpen)
            case 0xB5: events.append(.channelDisable)
            case 0xB6: events.append(.initialising)
            case 0xE5: events.append(.barCodeTicketValidated)
            case 0xD1: events.append(.barCodeTicketAcknowledged)
            default: throw .unknownPollEvent(code: code, reply: payload)
            }
        }
        return events
    }

    public var description: String {
        switch self {
        case .slaveReset: "SLAVE RESET"
        case .reading: "READ (scanning)"
        case .escrowed(let channel): "READ ch \(channel) (escrow)"
        case .credit(let channel): "CREDIT ch \(channel)"
        case .rejecting: "REJECTING"
        case .rejected: "REJECTED"
        case .stacking: "STACKING"
        case .stacked: "STACKED"
        case .safeJam: "SAFE JAM"
        case .unsafeJam: "UNSAFE JAM"
        case .disabled: "DISABLED"
        case .stackerFull: "STACKER FULL"
        case .fraudAttempt(let channel): "FRAUD ATTEMPT ch \(channel)"
        case .noteClearedFromFront(let channel): "NOTE CLEARED FROM FRONT ch \(channel)"
        case .noteClearedIntoCashbox(let channel): "NOTE CLEARED INTO CASHBOX ch \(channel)"
        case .cashboxRemoved: "CASHBOX REMOVED"
        case .cashboxReplaced: "CASHBOX REPLACED"
        case .notePathOpen: "NOTE PATH OPEN"
        case .channelDisable: "CHANNEL DISABLE"
        case .initialising: "INITIALISING"
        case .barCodeTicketValidated: "BAR CODE TICKET VALIDATED"
        case .barCodeTicketAcknowledged: "BAR CODE TICKET ACK"
        }
    }
}
