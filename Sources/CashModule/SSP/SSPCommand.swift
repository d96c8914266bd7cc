/// The SSP commands a note-accepting kiosk sends to a banknote validator, with their codes and
/// parameters. Codes: ITL GA138 NV200/NV9USB command tables, ITL C library `ssp_defines.h`,
/// kybarg/ssp `lib/static/commands.json` (research B.5); GET COUNTERS: kybarg/ssp
/// `docs/commands.md` and `lib/utils.js` (`GET_COUNTERS`, NV9USB).
public enum SSPCommand: Hashable, Sendable, CustomStringConvertible {
    /// 0x11: establishes communication and resets the sequence flag (sent with the flag set).
    case sync
    /// 0x01: hard reset (the host must reopen the port and SYNC again).
    case reset
    /// 0x06: the protocol version the host speaks; FAIL (F8) if the unit does not support it.
    case hostProtocolVersion(UInt8)
    /// 0x05: channels, values and currency of the loaded dataset.
    case setupRequest
    /// 0x07: events since the last poll. A POLL while a note is in escrow accepts (stacks) it.
    case poll
    /// 0x02: channel inhibits, one bit per channel, LSB = channel 1, 1 = enabled.
    case setInhibits([UInt8])
    /// 0x0A: starts accepting notes.
    case enable
    /// 0x09: stops accepting notes.
    case disable
    /// 0x08: returns the note held in escrow to the citizen (F5 when none is held).
    case reject
    /// 0x18: keeps the note in escrow and re-arms the escrow timer (F5 when none is held).
    case hold
    /// 0x17: why the last note was rejected (one byte, ``SSPRejectReason``).
    case lastRejectCode
    /// 0x0C: the factory serial number (4 bytes, big-endian).
    case getSerialNumber
    /// 0x20: the firmware version as ASCII.
    case getFirmwareVersion
    /// 0x21: the dataset version as ASCII (`CNY01610`).
    case getDatasetVersion
    /// 0x58: the persistent note activity counters (``SSPCounters``); F2 where unsupported.
    case getCounters

    /// The command byte.
    public var code: UInt8 {
        switch self {
        case .sync: 0x11
        case .reset: 0x01
        case .hostProtocolVersion: 0x06
        case .setupRequest: 0x05
        case .poll: 0x07
        case .setInhibits: 0x02
        case .enable: 0x0A
        case .disable: 0x09
        case .reject: 0x08
        case .hold: 0x18
        case .lastRejectCode: 0x17
        case .getSerialNumber: 0x0C
        case .getFirmwareVersion: 0x20
        case .getDatasetVersion: 0x21
        case .getCounters: 0x58
        }
    }

    /// The DATA bytes of the frame: the code, then the parameters.
    public var data: [UInt8] {
        switch self {
        case .hostProtocolVersion(let version): [self.code, version]
        case .setInhibits(let mask): [self.code] + mask
        default: [self.code]
        }
    }

    /// Decodes a command from a frame's DATA (the simulator's side).
    /// - Returns: `nil` for a code this set does not contain.
    public init?(data: [UInt8]) {
        guard let code = data.first else { return nil }
        let parameters = Array(data.dropFirst())
        switch code {
        case 0x11: self = .sync
        case 0x01: self = .reset
        case 0x06:
            guard parameters.count == 1 else { return nil }
            self = .hostProtocolVersion(parameters[0])
        case 0x05: self = .setupRequest
        case 0x07: self = .poll
        case 0x02: self = .setInhibits(parameters)
        case 0x0A: self = .enable
        case 0x09: self = .disable
        case 0x08: self = .reject
        case 0x18: self = .hold
        case 0x17: self = .lastRejectCode
        case 0x0C: self = .getSerialNumber
        case 0x20: self = .getFirmwareVersion
        case 0x21: self = .getDatasetVersion
        case 0x58: self = .getCounters
        default: return nil
        }
        if parameters.count > 0, ![0x06, 0x02].contains(code) { return nil }
    }

    /// The command's name in ITL's manuals, for logs.
    public var name: String {
        switch self {
        case .sync: "SYNC"
        case .reset: "RESET"
        case .hostProtocolVersion(let version): "HOST PROTOCOL VERSION \(version)"
        case .setupRequest: "SETUP REQUEST"
        case .poll: "POLL"
        case .setInhibits(let mask): "SET INHIBITS \(mask.hexString)"
        case .enable: "ENABLE"
        case .disable: "DISABLE"
        case .reject: "REJECT"
        case .hold: "HOLD"
        case .lastRejectCode: "LAST REJECT CODE"
        case .getSerialNumber: "GET SERIAL NUMBER"
        case .getFirmwareVersion: "GET FIRMWARE VERSION"
        case .getDatasetVersion: "GET DATASET VERSION"
        case .getCounters: "GET COUNTERS"
        }
    }

    public var description: String { self.name }

    /// The inhibit mask enabling exactly `channels` (1-based), two bytes as NV9/NV10 take
    /// (GA138 "Set Inhibits": LSB = channel 1, 1 = enabled; research B.5).
    public static func inhibitMask(enabling channels: some Sequence<Int>, byteCount: Int = 2) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: byteCount)
        for channel in channels where channel >= 1 && channel <= byteCount * 8 {
            mask[(channel - 1) / 8] |= 1 << UInt8((channel - 1) % 8)
        }
        return mask
    }
}
