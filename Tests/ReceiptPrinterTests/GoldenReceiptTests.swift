import Foundation
import KioskTestSupport
import ReceiptPrinter
import Simulators
import Testing

/// Byte-exact golden tests of the standard receipt. The golden files are annotated hex (one
/// command a line, `# comment` after it) so a reviewer can check every byte against the
/// research citations in `ESCPOSCommandBytes`.
///
/// After an intended layout change, regenerate with
/// `ONETRIP_UPDATE_GOLDEN=1 swift test --filter GoldenReceiptTests` and review the diff.
@Suite("Golden receipts")
struct GoldenReceiptTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("Tests/ReceiptPrinterTests/Golden")

    @Test(arguments: [
        (ReceiptFixtures.fiftyEightMillimetre, "standard-receipt-58mm.hex"),
        (ReceiptFixtures.eightyMillimetre, "standard-receipt-80mm.hex"),
    ])
    func standardReceiptMatchesItsGoldenBytes(profile: String, file: String) throws {
        let capabilities = try ReceiptFixtures.capabilities(profile)
        let bytes = try ESCPOSEncoder(capabilities: capabilities).encode(try ReceiptFixtures.standardReceipt(capabilities)).bytes
        let url = Self.directory.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["ONETRIP_UPDATE_GOLDEN"] == "1" {
            try Self.annotated(bytes, title: "Standard receipt (traffic fines, cash, ¥50 credit) on \(profile)").write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try Self.parse(String(contentsOf: url, encoding: .utf8))
        if let mismatch = zip(bytes, golden).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("first difference at byte \(mismatch): got \(Hex.string(bytes[mismatch..<min(bytes.count, mismatch + 16)])), golden \(Hex.string(golden[mismatch..<min(golden.count, mismatch + 16)]))")
        }
        #expect(bytes.count == golden.count)
    }

    /// Independent checks of the golden bytes, so a regenerated golden cannot hide a wrong command.
    @Test func goldenBytesHaveTheStructureTheResearchRequires() throws {
        for (profile, file, cut) in [(ReceiptFixtures.fiftyEightMillimetre, "standard-receipt-58mm.hex", "1B 64 03 1D 56 00"), (ReceiptFixtures.eightyMillimetre, "standard-receipt-80mm.hex", "1B 64 04 1D 56 01")] {
            let golden = try Self.parse(String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8))
            #expect(Array(golden.prefix(4)) == Hex.bytes("1B 40 1C 26"), "\(profile): ESC @ then FS &")
            #expect(Array(golden.suffix(6)) == Hex.bytes(cut), "\(profile): feed then cut")
            #expect(golden.contains(sequence: Hex.bytes("1D 21 11") + Hex.bytes("BD C9 B7 D1 C6 BE CC F5")), "\(profile): 缴费凭条 at double size")
            #expect(golden.contains(sequence: Hex.bytes("A3 A4 33 35 30 2E 30 30")), "\(profile): ￥350.00 as A3 A4")
            let url = Array("https://onetrip.example/t/HS-0001-000042T".utf8)
            #expect(golden.contains(sequence: [0x1D, 0x28, 0x6B, UInt8(url.count + 3), 0x00, 0x31, 0x50, 0x30] + url), "\(profile): QR store with pL pH = k + 3")
            #expect(!golden.contains(sequence: Hex.bytes("81 30 84 36")), "\(profile): no four-byte ¥")
            #expect(ESCPOSDecoder.decodeAll(golden).allSatisfy { if case .command = $0 { true } else { false } })
        }
    }

    /// Reads annotated hex: everything after `#` on a line is a comment.
    static func parse(_ text: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for line in text.split(separator: "\n") {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for token in code.split(separator: " ") {
                guard let byte = UInt8(token, radix: 16) else { throw FixtureError("'\(token)' in a golden file is not a hex byte") }
                bytes.append(byte)
            }
        }
        return bytes
    }

    /// Writes bytes one decoded command a line, with the simulator's reading as the comment.
    static func annotated(_ bytes: [UInt8], title: String) -> String {
        var lines = [
            "# \(title).",
            "# Regenerate with ONETRIP_UPDATE_GOLDEN=1 swift test --filter GoldenReceiptTests, then review the diff.",
        ]
        for case .command(let decoded) in ESCPOSDecoder.decodeAll(bytes) {
            let hex = Hex.string(bytes[decoded.offset..<(decoded.offset + decoded.length)])
            lines.append(hex.padding(toLength: max(hex.count, 40), withPad: " ", startingAt: 0) + "  # " + decoded.command.description)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
