/// The SAM module's identifier from command 12 FF (16 data bytes), shown to technicians so they
/// can tell which security module a reader carries.
///
/// The two public parsers disagree on the format (research §2.4, marked uncertain):
/// HslCommunication prints `D2(b0).D2(b2)-Int32LE(b4)-D9(Int32LE(b8))-D9(Int32LE(b12))`, THID
/// `%02d%02d-%08d-%010d` from short(b0), short(b2), int(b4), int(b8). Both read little-endian
/// integers; ``description`` follows HslCommunication and ``rawBytes`` keeps everything.
public struct SAMIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The 16 data bytes.
    public let rawBytes: [UInt8]

    /// Reads the identifier from the reply's data; `nil` when it is not 16 bytes.
    public init?(replyData: [UInt8]) {
        guard replyData.count == 16 else { return nil }
        self.rawBytes = replyData
    }

    /// HslCommunication's format, e.g. `05.01-20240101-000000001-000000042`.
    public var description: String {
        func int32(_ index: Int) -> UInt32 {
            UInt32(self.rawBytes[index]) | UInt32(self.rawBytes[index + 1]) << 8 | UInt32(self.rawBytes[index + 2]) << 16
                | UInt32(self.rawBytes[index + 3]) << 24
        }
        func padded(_ value: some BinaryInteger, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(self.rawBytes[0], 2)).\(padded(self.rawBytes[2], 2))-\(int32(4))-\(padded(int32(8), 9))-\(padded(int32(12), 9))"
    }
}
