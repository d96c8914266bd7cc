/// The generic response code that starts every SSP reply (the first DATA byte).
/// Source: ITL GA138 "Generic Commands and Responses", GA973 §8.2 (research B.6).
public enum SSPResponseCode: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Understood and executed (or executing).
    case ok = 0xF0
    /// The command code is not known to this unit.
    case commandNotKnown = 0xF2
    /// The wrong number of parameters.
    case wrongParameterCount = 0xF3
    /// A parameter out of range.
    case parameterOutOfRange = 0xF4
    /// The command cannot be processed now (HOLD or REJECT with no note in escrow; ENABLE while jammed).
    case cannotProcess = 0xF5
    /// A software error in the unit.
    case softwareError = 0xF6
    /// Failed (unsupported protocol version, for instance).
    case fail = 0xF8
    /// The unit forces encryption and no eSSP key was negotiated.
    case keyNotSet = 0xFA

    public var description: String {
        switch self {
        case .ok: "OK"
        case .commandNotKnown: "COMMAND NOT KNOWN"
        case .wrongParameterCount: "WRONG No PARAMETERS"
        case .parameterOutOfRange: "PARAMETER OUT OF RANGE"
        case .cannotProcess: "COMMAND CANNOT BE PROCESSED"
        case .softwareError: "SOFTWARE ERROR"
        case .fail: "FAIL"
        case .keyNotSet: "KEY NOT SET"
        }
    }
}

/// A decoded reply: the response code and the data after it.
public struct SSPResponse: Hashable, Sendable, CustomStringConvertible {
    /// The generic response code.
    public var code: SSPResponseCode
    /// The bytes after the code (poll events, setup data, serial number…).
    public var payload: [UInt8]

    /// Creates a response.
    public init(code: SSPResponseCode, payload: [UInt8] = []) {
        self.code = code
        self.payload = payload
    }

    /// Decodes a reply frame's DATA.
    /// - Throws: ``SSPProtocolError/unknownResponseCode(_:reply:)`` for a first byte outside the table.
    public init(data: [UInt8]) throws(SSPProtocolError) {
        guard let first = data.first, let code = SSPResponseCode(rawValue: first) else {
            throw .unknownResponseCode(data.first ?? 0, reply: data)
        }
        self.code = code
        self.payload = Array(data.dropFirst())
    }

    /// The frame DATA: code then payload.
    public var data: [UInt8] { [self.code.rawValue] + self.payload }

    /// Whether the unit said OK.
    public var isOK: Bool { self.code == .ok }

    public var description: String { self.payload.isEmpty ? "\(self.code)" : "\(self.code) \(self.payload.hexString)" }
}
