/// The reply to SETUP REQUEST from a banknote validator (unit type 0x00): the dataset's
/// currency and the value of each channel.
///
/// Layout after the 0xF0 byte (ITL GA138 "Banknote Validator", ITL C library
/// `ssp6_setup_request`, kybarg/ssp `parseData`; research B.8). Multipliers are 3 bytes
/// big-endian (GA973; GA138's examples contradict it and are wrong); protocol ≥ 6 adds a
/// currency and a 4-byte little-endian value per channel.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | unit type |
/// | 1 | 4 | firmware, ASCII |
/// | 5 | 3 | country, ASCII |
/// | 8 | 3 | value multiplier |
/// | 11 | 1 | n = number of channels |
/// | 12 | n | legacy channel values |
/// | 12+n | n | channel security (obsolete) |
/// | 12+2n | 3 | real value multiplier |
/// | 15+2n | 1 | protocol version |
/// | 16+2n | 3n | currency per channel (protocol ≥ 6) |
/// | 16+5n | 4n | value per channel (protocol ≥ 6) |
public struct SSPSetupData: Hashable, Sendable {
    /// The unit type (0x00 = banknote validator).
    public var unitType: UInt8
    /// The firmware version, four ASCII characters (`0100` = 1.00).
    public var firmware: String
    /// The dataset's country/currency code (`CNY`).
    public var country: String
    /// The legacy value multiplier (0 when expanded values are used).
    public var valueMultiplier: UInt32
    /// The legacy one-byte value of each channel.
    public var legacyValues: [UInt8]
    /// The obsolete security level of each channel.
    public var security: [UInt8]
    /// Multiplies a channel value into minor units (100: yuan to fen).
    public var realValueMultiplier: UInt32
    /// The protocol version the unit is using.
    public var protocolVersion: UInt8
    /// The currency of each channel (protocol ≥ 6), else empty.
    public var channelCurrencies: [String]
    /// The full value of each channel (protocol ≥ 6), else empty.
    public var channelValues: [UInt32]

    /// Creates the value (the simulator's side).
    public init(
        unitType: UInt8 = 0, firmware: String, country: String, valueMultiplier: UInt32, legacyValues: [UInt8], security: [UInt8],
        realValueMultiplier: UInt32, protocolVersion: UInt8, channelCurrencies: [String], channelValues: [UInt32]
    ) {
        self.unitType = unitType
        self.firmware = firmware
        self.country = country
        self.valueMultiplier = valueMultiplier
        self.legacyValues = legacyValues
        self.security = security
        self.realValueMultiplier = realValueMultiplier
        self.protocolVersion = protocolVersion
        self.channelCurrencies = channelCurrencies
        self.channelValues = channelValues
    }

    /// The number of channels.
    public var channelCount: Int { self.legacyValues.count }

    /// The value of a channel (1-based) in minor units of its currency, or `nil` for no such
    /// channel or a zero value. Expanded value (protocol ≥ 6) or legacy value × value multiplier,
    /// times the real value multiplier (GA973 example: `05 00 00 00` × 100 = 500 euro-cents).
    public func minorUnits(ofChannel channel: Int) -> (currency: String, amount: Int64)? {
        guard channel >= 1, channel <= self.channelCount else { return nil }
        let index = channel - 1
        let base: Int64
        let currency: String
        if self.protocolVersion >= 6, index < self.channelValues.count {
            base = Int64(self.channelValues[index])
            currency = index < self.channelCurrencies.count ? self.channelCurrencies[index] : self.country
        } else {
            base = Int64(self.legacyValues[index]) * Int64(max(1, self.valueMultiplier))
            currency = self.country
        }
        let amount = base * Int64(self.realValueMultiplier)
        return amount > 0 ? (currency, amount) : nil
    }

    /// Parses the payload of the reply (the bytes after 0xF0).
    /// - Throws: ``SSPProtocolError/malformedReply(command:detail:reply:)`` when the layout does not fit.
    public init(payload: [UInt8]) throws(SSPProtocolError) {
        func fail(_ detail: String) -> SSPProtocolError { .malformedReply(command: "SETUP REQUEST", detail: detail, reply: payload) }
        guard payload.count >= 12 else { throw fail("\(payload.count) bytes, at least 12 expected") }
        let n = Int(payload[11])
        guard n >= 1, n <= 24 else { throw fail("\(n) channels") }
        guard payload.count >= 16 + 2 * n else { throw fail("\(payload.count) bytes for \(n) channels") }
        self.unitType = payload[0]
        guard self.unitType == 0 else { throw fail("unit type \([payload[0]].hexString) is not a banknote validator (0x00)") }
        self.firmware = Self.ascii(payload[1..<5])
        self.country = Self.ascii(payload[5..<8])
        self.valueMultiplier = Self.bigEndian(payload[8..<11])
        self.legacyValues = Array(payload[12..<(12 + n)])
        self.security = Array(payload[(12 + n)..<(12 + 2 * n)])
        self.realValueMultiplier = Self.bigEndian(payload[(12 + 2 * n)..<(15 + 2 * n)])
        self.protocolVersion = payload[15 + 2 * n]
        if self.protocolVersion >= 6 {
            guard payload.count == 16 + 9 * n else { throw fail("\(payload.count) bytes, \(16 + 9 * n) expected for \(n) channels at protocol \(self.protocolVersion)") }
            self.channelCurrencies = (0..<n).map { Self.ascii(payload[(16 + 2 * n + 3 * $0)..<(19 + 2 * n + 3 * $0)]) }
            self.channelValues = (0..<n).map { index in
                let start = 16 + 5 * n + 4 * index
                return payload[start..<(start + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            }
        } else {
            guard payload.count == 16 + 2 * n else { throw fail("\(payload.count) bytes, \(16 + 2 * n) expected at protocol \(self.protocolVersion)") }
            self.channelCurrencies = []
            self.channelValues = []
        }
        guard self.realValueMultiplier > 0 else { throw fail("real value multiplier is 0") }
    }

    /// The payload as the unit sends it (after 0xF0).
    public var payload: [UInt8] {
        var bytes: [UInt8] = [self.unitType]
        bytes += Self.asciiBytes(self.firmware, count: 4)
        bytes += Self.asciiBytes(self.country, count: 3)
        bytes += Self.bigEndianBytes(self.valueMultiplier)
        bytes.append(UInt8(self.channelCount))
        bytes += self.legacyValues
        bytes += self.security
        bytes += Self.bigEndianBytes(self.realValueMultiplier)
        bytes.append(self.protocolVersion)
        if self.protocolVersion >= 6 {
            for currency in self.channelCurrencies { bytes += Self.asciiBytes(currency, count: 3) }
            for value in self.channelValues { bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)] }
        }
        return bytes
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    private static func asciiBytes(_ text: String, count: Int) -> [UInt8] {
        let bytes = Array(text.utf8.prefix(count))
        return bytes + [UInt8](repeating: 0x20, count: count - bytes.count)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
