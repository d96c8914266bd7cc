import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

@Suite("Payment codes: classification, scanner line decoding, scanner driver")
struct PaymentCodeTests {
    @Test(arguments: [
        ("134567890123456789", Wallet.wechatPay), ("104567890123456789", .wechatPay), ("154567890123456789", .wechatPay),
        ("2845678901234567", .alipay), ("284567890123456789", .alipay), ("304567890123456789012345", .alipay), ("6234567890123456789", .unionPay),
    ])
    func walletsAreRecognisedByPrefixAndLength(code: String, wallet: Wallet) throws {
        let parsed = try PaymentCode(scanned: code)
        #expect(parsed.wallet == wallet)
        #expect(parsed.masked.hasSuffix(String(code.suffix(4))))
        #expect(!parsed.description.contains(String(code.prefix(10))))
    }

    @Test func anythingElseIsATypedErrorWithoutTheDigits() {
        #expect(throws: PaymentCodeError.empty) { try PaymentCode(scanned: " ") }
        #expect(throws: PaymentCodeError.wrongLength(wallet: .wechatPay, length: 17, expected: "18")) { try PaymentCode(scanned: "13456789012345678") }
        #expect(throws: PaymentCodeError.wrongLength(wallet: .alipay, length: 25, expected: "16–24")) {
            try PaymentCode(scanned: "2845678901234567890123456")
        }
        #expect(throws: PaymentCodeError.unknownPrefix("69", length: 13)) { try PaymentCode(scanned: "6901234567892") }
        #expect(throws: PaymentCodeError.notDigits(length: 21)) { try PaymentCode(scanned: "https://example.test/") }
        let error = PaymentCodeError.unknownPrefix("69", length: 13)
        #expect(!error.description.contains("6901234567892"))
        #expect(PersonalDataMask.paymentCode("134567890123456789") == "**************6789")
    }

    @Test func scannerLinesEndAtCRLFOrCRLFOrSilence() {
        var decoder = ScannedLineDecoder(interCharacterTimeout: .milliseconds(100))
        #expect(decoder.append(Array("1345678901".utf8), at: .milliseconds(0)).isEmpty)
        #expect(decoder.append(Array("23456789\r\n".utf8), at: .milliseconds(5)) == ["134567890123456789"])
        #expect(decoder.append(Array("2845678901234567\n28456789".utf8), at: .milliseconds(500)) == ["2845678901234567"])
        #expect(decoder.append(Array("01234567\r".utf8), at: .milliseconds(510)) == ["2845678901234567"])
        // No terminator: the pause ends it.
        #expect(decoder.append(Array("134567890123456789".utf8), at: .seconds(1)).isEmpty)
        #expect(decoder.flush(at: .seconds(1) + .milliseconds(50)).isEmpty)
        #expect(decoder.flush(at: .seconds(1) + .milliseconds(100)) == ["134567890123456789"])
        // Control bytes are dropped; an over-long line is discarded whole.
        #expect(decoder.append([0x02] + Array("1345".utf8) + [0x1B] + Array("67890123456789\r".utf8), at: .seconds(2)) == ["134567890123456789"])
        #expect(decoder.append(Array(String(repeating: "1", count: 100).utf8) + [0x0D], at: .seconds(3)).isEmpty)
        #expect(decoder.append(Array("\r\n\r\n".utf8), at: .seconds(4)).isEmpty)
    }

    @Test func theScannerDriverReadsCodesFromASerialScanner() async throws {
        // Unpaced: a sender starved of CPU in this busy test process must not split a code the way
        // a real scanner (which sends each code in one burst) never would.
        let directory = try Fixtures.temporaryDirectory("scanner")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scanner").path
        let scanner = try PaymentCodeScannerSimulator(symlinkPath: path, baudRate: 9600, isPaced: false)
        let driver = PaymentCodeScannerDriver(
            devicePath: path, model: "test scanner", interCharacterTimeout: .milliseconds(250), reconnectInterval: .milliseconds(100))
        let run = Task { await driver.run() }
        let collected = ScanCollector()
        let collect = Task { for await event in driver.events { await collected.append(event) } }
        #expect(await collected.waitForStatus(.online))
        try await scanner.scan("134567890123456789", suffix: .crlf)
        try await scanner.scan("134567890123456789", suffix: .cr)  // the same phone again: debounced
        try await scanner.scan("2845678901234567", suffix: .none)  // ended by silence
        let codes = await collected.waitForCodes(2)
        #expect(codes == ["134567890123456789", "2845678901234567"], "\(codes.map { PersonalDataMask.paymentCode($0) })")
        scanner.link.unplug()
        #expect(await collected.waitForStatus(.powerOff))
        try scanner.link.plugIn()
        #expect(await collected.waitForStatus(.online))
        run.cancel()
        collect.cancel()
    }
}

actor ScanCollector {
    var events: [PaymentCodeScannerDriver.Event] = []
    func append(_ event: PaymentCodeScannerDriver.Event) { self.events.append(event) }

    var codes: [String] { self.events.compactMap { if case .scanned(let code) = $0 { return code } else { return nil } } }

    func waitForCodes(_ count: Int) async -> [String] {
        for _ in 0..<500 where self.codes.count < count { try? await Task.sleep(for: .milliseconds(10)) }
        try? await Task.sleep(for: .milliseconds(200))
        return self.codes
    }

    func waitForStatus(_ availability: DeviceAvailability) async -> Bool {
        for _ in 0..<500 {
            if case .status(let status)? = self.events.last(where: { if case .status = $0 { true } else { false } }), status.availability == availability {
                return true
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
