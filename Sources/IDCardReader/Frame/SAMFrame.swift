/// One frame of the public-security SAM protocol spoken by second-generation ID card readers
/// (Huashi, Synjones, Jinglun, Donsee…), in either direction.
///
/// ```
/// AA AA AA 96 69 | Len1 Len2 | body…              | CHK
/// preamble       | big-endian| CMD Para Data      (host → reader)
///                | length    | SW1 SW2 SW3 Data   (reader → host)
/// ```
///
/// `Len` counts the body and the checksum; the checksum is the XOR of every byte after the
/// preamble up to the last body byte (the two length bytes included). A request without data is
/// therefore always ten bytes, `AA AA AA 96 69 00 03 20 01 22`.
///
/// Source: shared/research/idcard-sam-protocol.md §1.1–1.2 (公安部身份证阅读器模块SAM通讯协议,
/// softs.im; same framing in HslCommunication `SAMSerial`, libzhouyb `SdtApiDevAdapter.h`).
///
/// A frame may carry a card's text block, so `description` and the mirror never show more than
/// the first three body bytes (command or status word).
public struct SAMFrame: Hashable, Sendable {
    /// `AA AA AA 96 69`: three sync bytes and the frame-start mark `96 69`.
    public static let preamble: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69]
    /// Preamble plus the two length bytes.
    public static let headerLength = 7
    /// The smallest possible `Len`: a request's CMD, Para and checksum.
    public static let minimumLength = 3
    /// The largest `Len` the decoder accepts by default. The largest real reply, text, photo and
    /// two fingerprints (30 10), has `Len` 0x090A = 2314 (research §2.3).
    public static let defaultMaximumLength = 4096

    /// The bytes between the length field and the checksum: `CMD Para Data` in a request,
    /// `SW1 SW2 SW3 Data` in a reply.
    public var body: [UInt8]

    /// Creates a frame around a body.
    /// - Precondition: the body is shorter than 65535 bytes (the length field is 16 bits).
    public init(body: [UInt8]) {
        precondition(body.count < 0xFFFF, "a SAM frame body has at most 65534 bytes")
        self.body = body
    }

    /// The value of the length field: body plus checksum.
    public var length: Int { self.body.count + 1 }

    /// The frame's total size on the wire (`7 + Len`).
    public var wireCount: Int { Self.headerLength + self.length }

    /// The checksum byte this frame carries on the wire.
    public var checksum: UInt8 {
        Self.checksum(length: self.length, body: self.body)
    }

    /// The frame's bytes on the wire.
    public var encoded: [UInt8] {
        var bytes = Self.preamble
        bytes.reserveCapacity(self.wireCount)
        bytes.append(UInt8(self.length >> 8))
        bytes.append(UInt8(self.length & 0xFF))
        bytes.append(contentsOf: self.body)
        bytes.append(self.checksum)
        return bytes
    }

    /// XOR of the two length bytes and the body (research §1.1: "数据帧中除帧头和校验和之外的数据逐字节按位异或").
    public static func checksum(length: Int, body: some Sequence<UInt8>) -> UInt8 {
        var value = UInt8(truncatingIfNeeded: length >> 8) ^ UInt8(truncatingIfNeeded: length)
        for byte in body { value ^= byte }
        return value
    }
}

extension SAMFrame: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The length and at most the first three body bytes; never the card data a reply carries.
    public var description: String {
        let head = self.body.prefix(3).map(\.hexByte).joined(separator: " ")
        let more = self.body.count > 3 ? " +\(self.body.count - 3) bytes" : ""
        return "SAMFrame(len \(self.length): \(head)\(more))"
    }

    /// Same as ``description``.
    public var debugDescription: String { self.description }

    /// A mirror without the body, so `dump` and test failures never print card data.
    public var customMirror: Mirror {
        Mirror(self, children: ["length": self.length, "head": Array(self.body.prefix(3))], displayStyle: .struct)
    }
}

extension UInt8 {
    /// Two upper-case hex digits.
    var hexByte: String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0F)]])
    }
}

extension Sequence<UInt8> {
    /// Upper-case hex bytes separated by spaces (`AA AA AA 96 69`).
    var hexString: String { self.map(\.hexByte).joined(separator: " ") }
}
