import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import ReceiptPrinter
import Simulators
import Testing

/// Document → ESC/POS encoder → simulator decoder and print mechanism → transcript: what the
/// paper reads must be what the document says, Chinese and QR payloads included.
@Suite("Round trips through the simulated printer")
struct RoundTripTests {
    static let profiles = [ReceiptFixtures.fiftyEightMillimetre, ReceiptFixtures.eightyMillimetre, ReceiptFixtures.network]

    /// Prints a document on a simulated printer and checks the paper reads as the document says.
    /// - Parameter wraps: whether the document has lines wider than the paper (the printer
    ///   notes each one it wraps).
    func roundTrip(_ document: ReceiptDocument, _ capabilities: ReceiptPrinterCapabilities, chineseModeAtPowerOn: Bool? = nil, wraps: Bool = false) throws -> ESCPOSPrinterModel {
        let bytes = try ESCPOSEncoder(capabilities: capabilities).encode(document).bytes
        let result = ReceiptFixtures.printOnSimulatedPrinter(bytes, capabilities: capabilities, chineseModeAtPowerOn: chineseModeAtPowerOn)
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.printer.notes.allSatisfy { wraps && $0.contains("wider than the paper") }, "\(result.printer.notes)")
        let printed = result.printer.receipts.map(\.transcript) + (result.printer.current.isBlank ? [] : [result.printer.current.transcript])
        #expect(printed == document.transcript(for: capabilities))
        return result.printer
    }

    @Test(arguments: Self.profiles)
    func theStandardReceiptReadsOnPaperAsTheDocumentSays(profile: String) throws {
        let capabilities = try ReceiptFixtures.capabilities(profile)
        let printer = try self.roundTrip(try ReceiptFixtures.standardReceipt(capabilities), capabilities)
        #expect(printer.receipts.count == 1)
        let text = try #require(printer.receipts.first?.transcript)
        #expect(text.contains("缴费凭条") && text.contains("￥400.00"))
        #expect(text.contains("[QR] https://onetrip.example/t/HS-0001-000042T"))
    }

    @Test func everyElementKindSurvivesTheTrip() throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        var document = ReceiptDocument()
        document.append(.text("标题 Title", .title))
        document.append(.text("双倍宽 wide", ReceiptTextStyle(alignment: .right, size: .doubleWidth)))
        document.append(.text("双倍高 tall", ReceiptTextStyle(alignment: .center, isUnderlined: true, size: .doubleHeight)))
        document.append(.text("三倍 3x", ReceiptTextStyle(alignment: .center, size: ReceiptTextSize(width: 3, height: 3))))
        document.append(.rule("*"))
        document.append(.row(label: "罚款 Fine", value: "￥1,200.00", .emphasized))
        document.append(.row(label: "地址", value: "示例市示例路1号（测试数据）——请勿使用 · No. 1 Example Road", .body))
        document.append(.feed(lines: 2))
        document.append(.qrCode(ReceiptQRCode(payload: "交易 HS-0001-000042T ￥350", moduleSize: 6, errorCorrection: .high, alignment: .right)))
        document.append(.barcode(ReceiptBarcode(data: "HS-0001-000042T", height: 80, moduleWidth: 2, textPosition: .below, alignment: .left)))
        document.append(.text("", .body))
        document.append(.text("a line much longer than the paper is wide, which the printer wraps where it must 行尾", .body))
        document.append(.cut)
        document.append(.text("第二张 second receipt", .centered))
        document.append(.cut)
        let printer = try self.roundTrip(document, capabilities, wraps: true)
        #expect(printer.receipts.count == 2)
        #expect(printer.receipts.first?.lines.contains { if case .qrCode(let code) = $0 { code.payload == Array("交易 HS-0001-000042T ￥350".utf8) && code.moduleSize == 6 } else { false } } == true)
    }

    @Test func chineseMode_isSwitchedOnEvenWhenThePrinterStartsWithoutIt() throws {
        // A printer whose Chinese mode is off after ESC @ (Epson-style firmware with GB fonts).
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        let printer = try self.roundTrip(try ReceiptFixtures.standardReceipt(capabilities), capabilities, chineseModeAtPowerOn: false)
        #expect(printer.receipts.first?.transcript.contains("交通违法查询缴款") == true)
    }

    @Test func randomDocumentsRoundTrip() throws {
        var generator = SplitMix(seed: 20261126)
        let words = ["缴费", "凭条", "Receipt", "HS-0001", "￥12.50", "—", "（注）", "No.", "交通违法", "a", "长", "x123", "·", "é", "①"]
        for profile in Self.profiles {
            let capabilities = try ReceiptFixtures.capabilities(profile)
            for _ in 0..<40 {
                var document = ReceiptDocument()
                for _ in 0..<generator.next(upTo: 12) + 1 {
                    let text = (0..<generator.next(upTo: 8)).map { _ in words[generator.next(upTo: words.count)] }.joined(separator: generator.next(upTo: 2) == 0 ? " " : "")
                    let style = ReceiptTextStyle(
                        alignment: ReceiptTextStyle.Alignment(rawValue: UInt8(generator.next(upTo: 3)))!, isEmphasized: generator.next(upTo: 2) == 0,
                        isUnderlined: generator.next(upTo: 4) == 0, size: ReceiptTextSize(width: generator.next(upTo: 3) + 1, height: generator.next(upTo: 3) + 1))
                    switch generator.next(upTo: 6) {
                    case 0: document.append(.row(label: text, value: words[generator.next(upTo: words.count)], style))
                    case 1: document.append(.rule("-"))
                    case 2: document.append(.qrCode(ReceiptQRCode(payload: text.isEmpty ? "q" : text, moduleSize: generator.next(upTo: 8) + 1)))
                    case 3: document.append(.feed(lines: generator.next(upTo: 3)))
                    default: document.append(.text(text, style))
                    }
                }
                document.append(.cut)
                _ = try self.roundTrip(document, capabilities, wraps: true)
            }
        }
    }

    @Test func printersWithoutNativeQRPrintARasterThatScans() async throws {
        var capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        capabilities.hasNativeQR = false
        let printer = try self.roundTrip(try ReceiptFixtures.standardReceipt(capabilities), capabilities)
        let receipt = try #require(printer.receipts.first)
        #expect(receipt.transcript.contains("[IMAGE "))
        #expect(try await Zbar.scan(receipt).contains("QR-Code:https://onetrip.example/t/HS-0001-000042T"))
    }

    @Test func theRenderedImageScansToTheQRPayloadAndBarcode() async throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        let job = try ReceiptFixtures.trafficFineJob(kind: .voucher)
        let printer = try self.roundTrip(StandardReceipt.document(for: job, context: ReceiptFixtures.context, columns: capabilities.columns), capabilities)
        let symbols = try await Zbar.scan(try #require(printer.receipts.first))
        #expect(symbols.contains("QR-Code:https://onetrip.example/t/HS-0001-000042T"))
        #expect(symbols.contains("CODE-128:HS-0001-000042T"))
    }
}

/// Runs zbarimg (Debian `zbar-tools`) on a receipt's PNG, without blocking a concurrency thread.
enum Zbar {
    static func scan(_ receipt: PrintedReceipt) async throws -> [String] {
        let directory = try Fixtures.temporaryDirectory("onetrip-zbar")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("receipt.png").path
        try ReceiptImageRenderer.writePNG(receipt, to: path)
        let result = try await ProcessRunner.run("/usr/bin/zbarimg", ["-q", path], in: directory, timeout: .seconds(60), includeStandardError: false)
        return result.output.split(separator: "\n").map(String.init)
    }
}

/// A small deterministic random generator (SplitMix64), so random tests repeat exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next(upTo bound: Int) -> Int {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}
