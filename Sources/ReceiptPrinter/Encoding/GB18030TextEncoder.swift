#if canImport(Glibc)
import Glibc
#endif

/// Turns text into the bytes a Chinese-mode ESC/POS printer prints: printable ASCII as single
/// bytes, everything else as **two-byte** GB18030 codes (research escpos-essp-payment.md A.4:
/// "GB18030 only supports double bytes 1、2、3、4、5 area" [CN-FS SP91], so four-byte sequences
/// will not print).
///
/// Transcoding is glibc's iconv (`UTF-8` → `GB18030`); each code is then checked: a
/// four-byte result (such as `¥` U+00A5 → `81 30 84 36`) or a code in the user-defined areas is
/// *unencodable* and either throws ``ReceiptEncodingError/unencodableCharacter(_:in:encoding:)``
/// or is replaced, as the ``UnencodableCharacterPolicy`` says. Control characters always throw:
/// a line break inside a line would desynchronise the layout.
public struct GB18030TextEncoder: Sendable {
    /// What the text is encoded for.
    public enum Target: String, Hashable, Sendable {
        /// GB18030 two-byte subset (`gb18030` and `gbk` profiles).
        case gb18030
        /// Printable ASCII only (`ascii` profiles).
        case ascii
    }

    /// The target character set.
    public let target: Target
    /// What to do with a character the printer cannot print.
    public let policy: UnencodableCharacterPolicy

    /// Creates an encoder.
    public init(target: Target, policy: UnencodableCharacterPolicy) {
        self.target = target
        self.policy = policy
    }

    /// The result of encoding one text.
    public struct Output: Hashable, Sendable {
        /// The bytes to send.
        public var bytes: [UInt8]
        /// The characters that were replaced (empty unless the policy substitutes).
        public var substituted: [Unicode.Scalar]
    }

    /// The bytes of a replacement: `？` (`A3 BF`, two columns like the character it replaces)
    /// in GB18030, `??` on an ASCII-only printer (also two columns).
    public var substitute: [UInt8] { self.target == .gb18030 ? [0xA3, 0xBF] : [0x3F, 0x3F] }

    /// Encodes a text.
    /// - Throws: ``ReceiptEncodingError`` for control characters, and for unencodable ones
    ///   under ``UnencodableCharacterPolicy/fail``.
    public func encode(_ text: String) throws(ReceiptEncodingError) -> Output {
        var output = Output(bytes: [], substituted: [])
        output.bytes.reserveCapacity(text.utf8.count)
        var run: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20, scalar.value < 0x7F {
                try self.flush(&run, into: &output, text: text)
                output.bytes.append(UInt8(scalar.value))
            } else if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                throw .controlCharacter(scalar, in: text)
            } else {
                run.append(scalar)
            }
        }
        try self.flush(&run, into: &output, text: text)
        return output
    }

    /// Encodes a run of non-ASCII scalars in one iconv call, then checks each code.
    private func flush(_ run: inout [Unicode.Scalar], into output: inout Output, text: String) throws(ReceiptEncodingError) {
        guard !run.isEmpty else { return }
        defer { run.removeAll(keepingCapacity: true) }
        let codes: [[UInt8]?]
        if self.target == .gb18030 {
            codes = try Self.gb18030Codes(for: run)
        } else {
            codes = Array(repeating: nil, count: run.count)
        }
        for (scalar, code) in zip(run, codes) {
            if let code, code.count == 2, !Self.isUserDefined(scalar) {
                output.bytes += code
                continue
            }
            switch self.policy {
            case .fail:
                throw .unencodableCharacter(scalar, in: text, encoding: self.target.rawValue)
            case .substitute:
                output.bytes += self.substitute
                output.substituted.append(scalar)
            }
        }
    }

    /// Private-use scalars map into GB18030's user-defined areas, which print as nothing or as
    /// a vendor's own glyph.
    private static func isUserDefined(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xF8FF).contains(scalar.value)
    }

    /// One GB18030 code per scalar (iconv maps every scalar to exactly one 1-, 2- or 4-byte code).
    static func gb18030Codes(for scalars: [Unicode.Scalar]) throws(ReceiptEncodingError) -> [[UInt8]?] {
        var utf8: [UInt8] = []
        for scalar in scalars { utf8 += Array(String(scalar).utf8) }
        let converted = try Self.iconv(utf8, from: "UTF-8", to: "GB18030")
        var codes: [[UInt8]?] = []
        codes.reserveCapacity(scalars.count)
        var index = 0
        while index < converted.count {
            let lead = converted[index]
            let length: Int
            if lead < 0x80 {
                length = 1
            } else if index + 1 < converted.count, (0x30...0x39).contains(converted[index + 1]) {
                length = 4
            } else {
                length = 2
            }
            guard index + length <= converted.count else { throw .transcodingFailed("iconv returned a truncated GB18030 code") }
            codes.append(Array(converted[index..<index + length]))
            index += length
        }
        guard codes.count == scalars.count else {
            throw .transcodingFailed("iconv returned \(codes.count) GB18030 codes for \(scalars.count) characters")
        }
        return codes
    }

    /// Converts bytes with glibc's iconv.
    static func iconv(_ input: [UInt8], from source: String, to destination: String) throws(ReceiptEncodingError) -> [UInt8] {
        let descriptor = iconv_open(destination, source)
        guard descriptor != iconv_t(bitPattern: -1) else {
            throw .transcodingFailed("iconv cannot convert \(source) to \(destination) (is glibc's gconv installed?)")
        }
        defer { iconv_close(descriptor) }
        var inputBytes = input.map { CChar(bitPattern: $0) }
        var outputBytes = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inputLeft = inputBytes.count
        var outputLeft = outputBytes.count
        let result = inputBytes.withUnsafeMutableBufferPointer { inputBuffer in
            outputBytes.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                var inputPointer = inputBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return Glibc.iconv(descriptor, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            }
        }
        guard result != -1, inputLeft == 0 else {
            throw .transcodingFailed("iconv stopped with errno \(errno) converting \(source) to \(destination)")
        }
        return outputBytes[0..<(outputBytes.count - outputLeft)].map { UInt8(bitPattern: $0) }
    }
}

/// What the encoder does with a character the printer cannot print.
public enum UnencodableCharacterPolicy: String, Hashable, Sendable {
    /// Throw ``ReceiptEncodingError/unencodableCharacter(_:in:encoding:)``.
    case fail
    /// Print `？` (or `??` on an ASCII printer) in its place and report it: a citizen's rare
    /// surname must not stop the receipt.
    case substitute
}
