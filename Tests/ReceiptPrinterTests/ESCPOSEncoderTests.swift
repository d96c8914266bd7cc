import DeviceKit
import ReceiptPrinter
import Testing

@Suite("ESC/POS encoder")
struct ESCPOSEncoderTests {
    func encoder(_ profile: String = ReceiptFixtures.eightyMillimetre, policy: UnencodableCharacterPolicy = .fail) throws -> ESCPOSEncoder {
        try ESCPOSEncoder(capabilities: try ReceiptFixtures.capabilities(profile), unencodable: policy)
    }

    @Test func everyJobInitialisesAndSwitchesChineseModeOnExplicitly() throws {
        let bytes = try self.encoder().encode(ReceiptDocument([.text("Receipt", .body)])).bytes
        // ESC @, FS & (A.3, A.4) even though this document has no Chinese at all: no guessing.
        #expect(bytes == Hex.bytes("1B 40 1C 26") + Array("Receipt".utf8) + [0x0A])
    }

    @Test func asciiPrintersGetNoChineseMode() throws {
        var capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        capabilities.encoding = "ascii"
        let bytes = try ESCPOSEncoder(capabilities: capabilities).encode(ReceiptDocument([.text("OK", .body)])).bytes
        #expect(bytes == Hex.bytes("1B 40 4F 4B 0A"))
    }

    @Test func stylesAreSentOnlyWhenTheyChange() throws {
        let document = ReceiptDocument([
            .text("缴费", .title), .text("AB", .title), .text("x", .body), .text("y", .emphasized),
        ])
        let bytes = try self.encoder().encode(document).bytes
        let expected = Hex.bytes(
            """
            1B 40 1C 26
            1B 61 01 1B 45 01 1D 21 11 BD C9 B7 D1 0A
            41 42 0A
            1B 61 00 1B 45 00 1D 21 00 78 0A
            1B 45 01 79 0A
            """)
        #expect(bytes == expected)
    }

    @Test func underlineAndOtherSizesUseTheirCommands() throws {
        let style = ReceiptTextStyle(alignment: .right, isUnderlined: true, size: ReceiptTextSize(width: 3, height: 1))
        let bytes = try self.encoder().encode(ReceiptDocument([.text("Z", style)])).bytes
        #expect(bytes == Hex.bytes("1B 40 1C 26 1B 61 02 1B 2D 01 1D 21 20 5A 0A"))
    }

    @Test func nativeQRCodeUsesGSParenKWithLittleEndianLengths() throws {
        let document = ReceiptDocument([.qrCode(ReceiptQRCode(payload: "ABC", moduleSize: 4, errorCorrection: .medium))])
        let bytes = try self.encoder().encode(document).bytes
        // Model 2, module size 4, level M, store "ABC" (A.5 worked example), print.
        let expected = Hex.bytes(
            """
            1B 40 1C 26 1B 61 01
            1D 28 6B 04 00 31 41 32 00
            1D 28 6B 03 00 31 43 04
            1D 28 6B 03 00 31 45 31
            1D 28 6B 06 00 31 50 30 41 42 43
            1D 28 6B 03 00 31 51 30
            """)
        #expect(bytes == expected)
    }

    @Test func longQRPayloadsCarryTheHighLengthByte() throws {
        let payload = String(repeating: "x", count: 300)
        let bytes = try self.encoder().encode(ReceiptDocument([.qrCode(ReceiptQRCode(payload: payload))])).bytes
        // pL + 256·pH = 300 + 3 = 303 = 0x012F.
        #expect(bytes.contains(sequence: Hex.bytes("1D 28 6B 2F 01 31 50 30")))
    }

    @Test func qrPayloadsOutsideTheStoreLimitsAreRefused() throws {
        let encoder = try self.encoder()
        #expect(throws: ReceiptEncodingError.qrPayloadSize(bytes: 0)) { try encoder.encode(ReceiptDocument([.qrCode(ReceiptQRCode(payload: ""))])) }
        #expect(throws: ReceiptEncodingError.qrPayloadSize(bytes: 7090)) {
            try encoder.encode(ReceiptDocument([.qrCode(ReceiptQRCode(payload: String(repeating: "9", count: 7090)))]))
        }
        let largest = try encoder.encode(ReceiptDocument([.qrCode(ReceiptQRCode(payload: String(repeating: "9", count: 7089)))])).bytes
        #expect(largest.contains(sequence: Hex.bytes("1D 28 6B B4 1B 31 50 30")))  // 7092 = 0x1BB4
    }

    @Test func printersWithoutNativeQRGetARasterImage() throws {
        var capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        capabilities.hasNativeQR = false
        let bytes = try ESCPOSEncoder(capabilities: capabilities).encode(ReceiptDocument([.qrCode(ReceiptQRCode(payload: "HS-0001-000042T", moduleSize: 4))])).bytes
        #expect(!bytes.contains(sequence: [0x1D, 0x28, 0x6B]))
        let start = try #require((0..<bytes.count - 2).first { bytes[$0] == 0x1D && bytes[$0 + 1] == 0x76 && bytes[$0 + 2] == 0x30 })
        let widthBytes = Int(bytes[start + 4]) | Int(bytes[start + 5]) << 8
        let height = Int(bytes[start + 6]) | Int(bytes[start + 7]) << 8
        // 15 bytes exceed version 1-M (14 bytes): version 2, 25 modules + 2×4 quiet modules,
        // 4 dots each = 132 dots; 17 bytes a row.
        #expect(height == 132)
        #expect(widthBytes == 17)
        #expect(bytes.count == start + 8 + widthBytes * height)
    }

    @Test func cutsFollowTheProfilesCutter() throws {
        let partial = try self.encoder(ReceiptFixtures.eightyMillimetre).encode(ReceiptDocument([.cut])).bytes
        #expect(partial == Hex.bytes("1B 40 1C 26 1B 64 04 1D 56 01"))
        let full = try self.encoder(ReceiptFixtures.fiftyEightMillimetre).encode(ReceiptDocument([.cut])).bytes
        #expect(full == Hex.bytes("1B 40 1C 26 1B 64 03 1D 56 00"))
        var capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        capabilities.cutter = .none
        #expect(try ESCPOSEncoder(capabilities: capabilities).encode(ReceiptDocument([.cut])).bytes == Hex.bytes("1B 40 1C 26 1B 64 03"))
    }

    @Test func longFeedsAreSplitIntoESCdCommandsOf255Lines() throws {
        let bytes = try self.encoder().encode(ReceiptDocument([.feed(lines: 300)])).bytes
        #expect(bytes == Hex.bytes("1B 40 1C 26 1B 64 FF 1B 64 2D"))
    }

    @Test func code128BarcodesUseFunctionBWithCodeSetB() throws {
        let bytes = try self.encoder().encode(ReceiptDocument([.barcode(ReceiptBarcode(data: "HS-0001-000042T"))])).bytes
        let expected = Hex.bytes("1B 40 1C 26 1B 61 01 1D 68 40 1D 77 02 1D 48 02 1D 6B 49 11 7B 42") + Array("HS-0001-000042T".utf8)
        #expect(bytes == expected)
    }

    @Test func barcodesThatCannotPrintAreRefused() throws {
        #expect(throws: ReceiptEncodingError.self) { try self.encoder(ReceiptFixtures.fiftyEightMillimetre).encode(ReceiptDocument([.barcode(ReceiptBarcode(data: "HS-0001-000042T"))])) }
        #expect(throws: ReceiptEncodingError.invalidBarcodeData("罚款")) { try self.encoder().encode(ReceiptDocument([.barcode(ReceiptBarcode(data: "罚款"))])) }
    }

    @Test func unencodableTextFailsOrIsSubstitutedAsConfigured() throws {
        let document = ReceiptDocument([.text("姓名 㐀*", .body)])
        #expect(throws: ReceiptEncodingError.self) { try self.encoder().encode(document) }
        let output = try self.encoder(policy: .substitute).encode(document)
        #expect(output.substituted == ["\u{3400}"])
        #expect(output.bytes.contains(sequence: Hex.bytes("D0 D5 C3 FB 20 A3 BF 2A 0A")))
    }
}
