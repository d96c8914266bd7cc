import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The simulated printer's character ROM: what a GB18030 two-byte code or a code-page byte
/// prints as. Lookups go through glibc's iconv and are cached.
enum PrinterCharacterSet {
    /// The code pages `ESC t n` selects on the default profile (research A.3, [PYE] / [PHP]
    /// capabilities.json), as iconv names.
    static let codePages: [UInt8: String] = [0: "CP437", 2: "CP850", 16: "CP1252", 17: "CP866", 18: "CP852", 19: "CP858"]

    private static let gbCache = Mutex<[UInt16: String]>([:])
    private static let codePageCache = Mutex<[UInt32: String]>([:])

    /// The character a two-byte GB code prints, or `nil` when the pair is not a valid
    /// two-byte code (lead 0x81…0xFE, trail 0x40…0x7E or 0x80…0xFE; research A.4).
    static func gbCharacter(lead: UInt8, trail: UInt8) -> String? {
        guard (0x81...0xFE).contains(lead), (0x40...0xFE).contains(trail), trail != 0x7F else { return nil }
        let key = UInt16(lead) << 8 | UInt16(trail)
        if let cached = self.gbCache.withLock({ $0[key] }) { return cached.isEmpty ? nil : cached }
        let text = self.convert([lead, trail], from: "GB18030") ?? ""
        self.gbCache.withLock { $0[key] = text }
        return text.isEmpty ? nil : text
    }

    /// The character a byte 0x80…0xFF prints in a code page, or `nil` for an unknown page.
    static func codePageCharacter(_ byte: UInt8, page: UInt8) -> String? {
        guard let name = self.codePages[page] else { return nil }
        let key = UInt32(page) << 8 | UInt32(byte)
        if let cached = self.codePageCache.withLock({ $0[key] }) { return cached.isEmpty ? nil : cached }
        let text = self.convert([byte], from: name) ?? ""
        self.codePageCache.withLock { $0[key] = text }
        return text.isEmpty ? nil : text
    }

    private static func convert(_ bytes: [UInt8], from source: String) -> String? {
        let descriptor = iconv_open("UTF-8", source)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 16)
        var inputLeft = input.count
        var outputLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else { return nil }
        let utf8 = output[0..<(output.count - outputLeft)].map { UInt8(bitPattern: $0) }
        return String(decoding: utf8, as: UTF8.self)
    }
}
