/// The CRC-16 of ITL's Smiley Secure Protocol.
///
/// Polynomial x¹⁶+x¹⁵+x²+1 (0x8005), seed 0xFFFF, most significant bit first, no final XOR,
/// computed over SEQ/ID, LEN and DATA (not STX) before byte stuffing, and sent low byte first.
/// Source: ITL GA138 "Transport Layer"; ITL C library `cal_crc_loop_CCITT_A`; kybarg/ssp
/// `lib/utils.js` `CRC16` (shared/research/escpos-essp-payment.md B.3).
public enum SSPCRC {
    /// The seed.
    public static let seed: UInt16 = 0xFFFF
    /// The generator polynomial.
    public static let polynomial: UInt16 = 0x8005

    /// The CRC of `bytes`.
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
        var crc = Self.seed
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ Self.polynomial : crc << 1
            }
        }
        return crc
    }

    /// The CRC as it goes on the wire: low byte, then high byte.
    public static func wireBytes<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        let crc = Self.checksum(bytes)
        return [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }
}
