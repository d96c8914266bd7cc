import ReceiptPrinter
import Testing

@Suite("GB18030 text encoding")
struct GB18030TextEncoderTests {
    let strict = GB18030TextEncoder(target: .gb18030, policy: .fail)

    /// Byte examples from research escpos-essp-payment.md A.4 (derived with Python's gb18030 codec).
    @Test(arguments: [
        ("缴费", "BD C9 B7 D1"),
        ("交通违法罚款", "BD BB CD A8 CE A5 B7 A8 B7 A3 BF EE"),
        ("￥", "A3 A4"),
        ("元", "D4 AA"),
        ("A1 ￥12.50", "41 31 20 A3 A4 31 32 2E 35 30"),
    ])
    func researchExamplesEncodeToTheirTwoByteCodes(text: String, hex: String) throws {
        #expect(try self.strict.encode(text).bytes == Hex.bytes(hex))
    }

    @Test func theYenSignU00A5IsAFourByteCodeAndIsRefused() {
        // U+00A5 is 81 30 84 36 in GB18030: GBK-subset firmware cannot print it (A.4).
        #expect(throws: ReceiptEncodingError.unencodableCharacter("\u{00A5}", in: "¥12.50", encoding: "gb18030")) {
            try self.strict.encode("¥12.50")
        }
    }

    @Test func emojiAndRareCharactersBeyondTheTwoByteAreasAreRefused() {
        for text in ["😀", "𠮷", "㐀"] {  // supplementary plane, CJK Ext B, CJK Ext A U+3400 (all four-byte)
            #expect(throws: ReceiptEncodingError.self) { try self.strict.encode(text) }
        }
    }

    @Test func substitutionPrintsAFullWidthQuestionMarkAndReportsIt() throws {
        let encoder = GB18030TextEncoder(target: .gb18030, policy: .substitute)
        let output = try encoder.encode("㐀*")
        #expect(output.bytes == [0xA3, 0xBF, 0x2A])
        #expect(output.substituted == ["\u{3400}"])
    }

    @Test func asciiPrintersGetTwoQuestionMarksSoColumnsStayAligned() throws {
        let encoder = GB18030TextEncoder(target: .ascii, policy: .substitute)
        #expect(try encoder.encode("罚款 200").bytes == Array("???? 200".utf8))
        #expect(throws: ReceiptEncodingError.self) { try GB18030TextEncoder(target: .ascii, policy: .fail).encode("罚款") }
    }

    @Test func controlCharactersAreRefusedEvenWhenSubstituting() {
        let encoder = GB18030TextEncoder(target: .gb18030, policy: .substitute)
        for text in ["a\nb", "tab\there", "\u{1B}@", "\u{85}"] {
            #expect(throws: ReceiptEncodingError.self) { try encoder.encode(text) }
        }
    }

    @Test func privateUseCharactersAreNotPrinted() {
        #expect(throws: ReceiptEncodingError.self) { try self.strict.encode("\u{E000}") }
    }

    @Test func everyTwoByteCodeDecodesBackToItsCharacter() throws {
        // Pinyin, punctuation, full-width forms and common hanzi across GB areas 1–5.
        let text = "，。、：；！？（）“”—…·é ü ￥€①ⅠАЖ一丁中国啊齄兀"
        let bytes = try self.strict.encode(text).bytes
        #expect(bytes.count == text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) })
    }
}
