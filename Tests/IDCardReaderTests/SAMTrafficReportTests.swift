import Foundation
import IDCardReader
import KioskTestSupport
import Simulators
import Testing

@Suite("Technician decode of captured traffic")
struct SAMTrafficReportTests {
    /// A capture as a serial monitor writes it: labelled lines, timestamps, 16 bytes a line.
    static func capture(_ exchanges: [(SAMCommand, SAMResponse)]) -> String {
        var lines = ["# captured on the kiosk, 115200 8N1"]
        for (index, (command, response)) in exchanges.enumerated() {
            lines.append("[10:00:0\(index).000] TX: \(command.encoded.map { String(format: "%02X", $0) }.joined(separator: " "))")
            let bytes = response.frame.encoded.map { String(format: "%02X", $0) }
            lines.append("[10:00:0\(index).100] RX:")
            for start in stride(from: 0, to: bytes.count, by: 16) {
                lines.append(bytes[start..<min(bytes.count, start + 16)].joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func readExchanges(_ key: String) throws -> [(SAMCommand, SAMResponse)] {
        let card = try SimulatedCard(citizen: try Fixtures.citizen(key))
        return [
            (.findCard, SAMResponse(status: .cardNotFound)),
            (.findCard, SAMResponse(status: .cardFound, data: [0, 0, 0, 0])),
            (.selectCard, SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 8))),
            (.readTextAndPhoto, SAMResponse(status: .success, data: card.readReplyData(withFingerprints: false))),
        ]
    }

    @Test func aCapturedReadIsReportedFrameByFrameWithMaskedFields() throws {
        let capture = try HexCapture(parsing: Self.capture(try Self.readExchanges("alpha")))
        #expect(capture.bytes.count == 10 + 11 + 10 + 15 + 10 + 19 + 10 + 1295)
        let report = SAMTrafficReport(capture: capture)
        #expect(report.frameCount == 8)
        #expect(report.problemCount == 0)
        let text = report.text
        #expect(text.contains("offset 0     (line 2)  host → reader  AA AA AA 96 69 00 03 20 01 22"))
        #expect(text.contains("SW3 0x80 寻找证/卡失败 (find failed: no card in the field) to find card"))
        #expect(text.contains("reader → host  AA AA AA 96 69 05 08 00 00 90 … (1295 bytes)"))
        #expect(text.contains("card: Resident ID card (居民身份证)"))
        #expect(text.contains("330203********3518"))
        #expect(text.contains("01 (汉 Han)"))
        #expect(text.contains("text decodes: ok"))
        // Masked: no full name, number, address or birth date.
        for secret in ["测试甲", "330203198504123518", "示例路1号", "19850412"] { #expect(!text.contains(secret), "\(secret)") }
        let revealed = SAMTrafficReport(capture: capture, reveal: true).text
        for secret in ["测试甲", "330203198504123518", "示例路1号", "19850412"] { #expect(revealed.contains(secret), "\(secret)") }
    }

    @Test func foreignCardsShowTheirOwnFields() throws {
        let text = SAMTrafficReport(capture: try HexCapture(parsing: Self.capture(try Self.readExchanges("golf")))).text
        #expect(text.contains("Foreign permanent resident ID card (2023)"))
        #expect(text.contains("English name 英文姓名"))
        #expect(text.contains("S***** G*** T*****"))
        #expect(text.contains("nationality 国籍"))
    }

    @Test func unlabelledFramesAreToldApartByTheirContent() throws {
        let capture = try HexCapture(parsing: "AAAAAA96690003200122 AAAAAA9669000800009F0000000097\n0xAA,0xAA,0xAA,0x96,0x69,0x00,0x04,0x00,0x00,0x80,0x84")
        let report = SAMTrafficReport(capture: capture)
        #expect(report.frameCount == 3)
        let frames = report.lines.filter { $0.contains("→") }
        #expect(frames.count == 3)
        #expect(frames[0].contains("host → reader"))
        #expect(frames[1].contains("reader → host"))
        #expect(frames[2].contains("reader → host"))
    }

    @Test func malformedInputNamesTheByteOffset() throws {
        var corrupted = SAMCommand.selectCard.encoded
        corrupted[9] = 0x00
        let text = ([0x13, 0x37] + SAMCommand.findCard.encoded + corrupted + Array(SAMResponse(status: .success).frame.encoded.prefix(8)))
            .map { String(format: "%02X", $0) }.joined(separator: " ")
        let report = SAMTrafficReport(capture: try HexCapture(parsing: text))
        #expect(report.problemCount == 3)
        #expect(report.text.contains("offset 17    (line 1)  5 bytes skipped: the rest of that frame"))
        #expect(report.frameCount == 1)
        #expect(report.text.contains("offset 0     (line 1)  2 bytes skipped: no frame preamble (13 37)"))
        #expect(report.text.contains("error: byte offset 12: frame checksum is 0x00 but the XOR of its length and body is 0x21"))
        #expect(report.text.contains("error: byte offset 22: frame truncated: its length field announces 11 bytes, only 8 arrived"))
    }

    @Test func textThatIsNotHexNamesLineAndColumn() {
        #expect(throws: HexCaptureError.notHex(line: 2, column: 4, token: "ZZ")) { try HexCapture(parsing: "AA AA\nAA ZZ") }
        #expect(throws: HexCaptureError.oddDigitCount(line: 1, column: 1, token: "AAA")) { try HexCapture(parsing: "AAA") }
        #expect(HexCaptureError.notHex(line: 2, column: 4, token: "ZZ").description == "line 2, column 4: 'ZZ' is not hex bytes")
    }
}
