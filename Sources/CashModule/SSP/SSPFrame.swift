/// One SSP packet: the sequence flag, the slave address and the data (a command and its
/// parameters, or a response code and its data).
///
/// On the wire: `STX(0x7F) SEQ/ID LEN DATA… CRCL CRCH`, where bit 7 of SEQ/ID is the sequence
/// flag and bits 6–0 the address, LEN counts the DATA bytes, the CRC (``SSPCRC``) covers SEQ/ID,
/// LEN and DATA, and every 0x7F after STX is sent twice. Source: ITL GA138 "Transport Layer",
/// GA973 §3.1; stuffing per ITL C library `CompileSSPCommand` (research B.3).
public struct SSPFrame: Hashable, Sendable, CustomStringConvertible {
    /// The start byte.
    public static let stx: UInt8 = 0x7F
    /// The most data bytes one frame carries (LEN is one byte).
    public static let maximumDataCount = 255

    /// The sequence flag (bit 7 of SEQ/ID); the host toggles it for every new command.
    public var sequenceFlag: Bool
    /// The slave address, 0…0x7D (0 = banknote validator).
    public var address: UInt8
    /// The command and parameters, or the response code and data.
    public var data: [UInt8]

    /// Creates a frame.
    /// - Precondition: `address` ≤ 0x7F and `data` has 1…255 bytes.
    public init(sequenceFlag: Bool, address: UInt8, data: [UInt8]) {
        precondition(address <= 0x7F, "an SSP address has seven bits")
        precondition(!data.isEmpty && data.count <= Self.maximumDataCount, "an SSP frame carries 1…255 data bytes")
        self.sequenceFlag = sequenceFlag
        self.address = address
        self.data = data
    }

    /// The SEQ/ID byte.
    public var sequenceAndAddress: UInt8 { (self.sequenceFlag ? 0x80 : 0) | self.address }

    /// The frame as sent: STX, then SEQ/ID, LEN, DATA and CRC with every 0x7F doubled.
    public func encoded() -> [UInt8] {
        var body: [UInt8] = [self.sequenceAndAddress, UInt8(self.data.count)]
        body += self.data
        body += SSPCRC.wireBytes(body)
        var wire: [UInt8] = [Self.stx]
        wire.reserveCapacity(body.count + 8)
        for byte in body {
            wire.append(byte)
            if byte == Self.stx { wire.append(Self.stx) }
        }
        return wire
    }

    public var description: String {
        "SSP[\(self.sequenceFlag ? "seq1" : "seq0") addr \(self.address)] \(self.data.hexString)"
    }
}

extension Sequence where Element == UInt8 {
    /// `7F 80 01 11`: bytes as upper-case hex pairs, for logs and error messages.
    public var hexString: String {
        self.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
