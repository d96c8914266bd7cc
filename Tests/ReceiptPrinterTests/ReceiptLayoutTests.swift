import DeviceKit
import KioskCore
import ReceiptPrinter
import Testing

@Suite("Receipt layout")
struct ReceiptLayoutTests {
    @Test func chineseCharactersTakeTwoColumns() {
        #expect(PrintWidth.columns(of: "罚款") == 4)
        #expect(PrintWidth.columns(of: "￥200.00") == 8)
        #expect(PrintWidth.columns(of: "HS-0001") == 7)
    }

    @Test func rowsLineUpTheirValuesWithTheRightEdge() throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        var document = ReceiptDocument()
        document.append(.row(label: "罚款", value: "￥200.00", .body))
        document.append(.row(label: "Total", value: "￥1350.00", .body))
        document.append(.row(label: "决定书编号", value: "3302031000000001", .body))
        let lines = try #require(document.transcript(for: capabilities).first).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for line in lines { #expect(PrintWidth.columns(of: line) == 32, "\(line)") }
        #expect(lines[0] == "罚款" + String(repeating: " ", count: 20) + "￥200.00")
    }

    @Test func aRowTooWideForOneLinePutsTheValueUnderTheLabelFlushRight() throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        var document = ReceiptDocument()
        document.append(.row(label: "预约", value: "2026-12-01 09:00-09:30 示例路派出所出入境窗口", .body))
        let lines = try #require(document.transcript(for: capabilities).first).split(separator: "\n").map(String.init)
        #expect(lines.first == "预约")
        #expect(lines.count == 3)
        for line in lines.dropFirst() {
            #expect(PrintWidth.columns(of: line) == 32, "\(line) is flush right")
        }
        #expect(lines[1].contains("2026-12-01 09:00-09:30"))
    }

    @Test func paragraphsWrapLatinTextAtSpacesAndChineseAnywhere() {
        #expect(PrintWidth.wordWrap("Claim the overpayment at a service counter", capacity: 16) == ["Claim the", "overpayment at a", "service counter"])
        #expect(PrintWidth.wordWrap("多付金额请凭本凭条到服务窗口领取", capacity: 20) == ["多付金额请凭本凭条到", "服务窗口领取"])
        #expect(PrintWidth.hardWrap("缴费凭条AB", capacity: 7) == ["缴费凭", "条AB"])
    }

    @Test func theStandardReceiptShowsTheJobMaskedWithPrintableAmounts() throws {
        let job = try ReceiptFixtures.trafficFineJob()
        for profile in [ReceiptFixtures.fiftyEightMillimetre, ReceiptFixtures.eightyMillimetre] {
            let capabilities = try ReceiptFixtures.capabilities(profile)
            let text = try #require(try ReceiptFixtures.standardReceipt(capabilities).transcript(for: capabilities).first)
            #expect(text.contains("缴费凭条"))
            #expect(text.contains("PAYMENT RECEIPT"))
            #expect(text.contains("HS-0001-000042T"))
            #expect(text.contains("2026-11-26 14:03:05"))
            #expect(text.contains("330203********3518"))
            #expect(text.contains(job.citizen.name) && job.citizen.name.hasPrefix("测"))
            #expect(!text.contains("测试甲"))
            #expect(text.contains("￥350.00") && text.contains("￥400.00") && text.contains("￥50.00"))
            #expect(text.contains("￥200.00"), "the session's ¥ rows print as ￥")
            #expect(!text.contains("\u{00A5}"))
            #expect(text.contains("[QR] https://onetrip.example/t/HS-0001-000042T"))
            for line in text.split(separator: "\n") where !line.hasPrefix("[") {
                #expect(PrintWidth.columns(of: line) <= capabilities.columns, "\(line) fits \(profile)")
            }
            #expect(job.credit == .yuan(50))
        }
    }

    @Test func englishLabelsAppearOnlyOnWidePaper() throws {
        let narrow = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        let wide = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        let narrowText = try #require(try ReceiptFixtures.standardReceipt(narrow).transcript(for: narrow).first)
        let wideText = try #require(try ReceiptFixtures.standardReceipt(wide).transcript(for: wide).first)
        #expect(!narrowText.contains("Transaction"))
        #expect(wideText.contains("交易号 Transaction"))
    }

    @Test func vouchersCarryABarcodeOfTheTransactionWhenItFits() throws {
        let job = try ReceiptFixtures.trafficFineJob(kind: .voucher, notice: LocalizedText(zh: "证明打印失败，请到窗口办理", en: "The document could not be printed; please go to a counter."))
        let wide = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        let wideText = try #require(StandardReceipt.document(for: job, context: ReceiptFixtures.context, columns: wide.columns).transcript(for: wide).first)
        #expect(wideText.contains("待处理凭证"))
        #expect(wideText.contains("[CODE128] HS-0001-000042T"))
        #expect(wideText.contains("证明打印失败，请到窗口办理"))
        // 15 characters of CODE128 at module 2 are 400 dots: wider than 58 mm paper, so no barcode there.
        let narrow = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        let narrowText = try #require(StandardReceipt.document(for: job, context: ReceiptFixtures.context, columns: narrow.columns).transcript(for: narrow).first)
        #expect(!narrowText.contains("[CODE128]"))
        #expect(narrowText.contains("请妥善保管本凭证"))
    }
}
