import Foundation
import KioskCore
import Testing

@Suite("Money in fen")
struct MoneyTests {
    @Test func formatting() {
        #expect(Money(fen: 1250).description == "¥12.50")
        #expect(Money(fen: 5).description == "¥0.05")
        #expect(Money(fen: -300).description == "-¥3.00")
        #expect(Money.yuan(15).formatted(symbol: "￥") == "￥15.00")
        #expect(Money(fen: 1250).decimalString == "12.50")
    }

    @Test(arguments: [("12", 1200), ("12.5", 1250), ("12.50", 1250), ("¥0.05", 5), ("￥100", 10000), ("-3.00", -300)])
    func parsing(text: String, fen: Int64) {
        #expect(Money(yuanText: text) == Money(fen: fen))
    }

    @Test(arguments: ["", "12.345", "1,000", "abc", ".5", "12.", "¥"])
    func parsingRejectsAmbiguousText(text: String) {
        #expect(Money(yuanText: text) == nil)
    }

    @Test func arithmeticStaysExact() {
        let fines = [Money(fen: 10), Money(fen: 20)].sum()
        #expect(fines == Money(fen: 30))
        #expect(Money(fen: 1) * 3 == Money(fen: 3))
        // 0.1 + 0.2 is not 0.3 in floating point; in fen it is.
        #expect(Money(yuanText: "0.10")! + Money(yuanText: "0.20")! == Money(yuanText: "0.30")!)
    }

    @Test func codableAcceptsYuanStringsAndFen() throws {
        let decoded = try JSONDecoder().decode([Money].self, from: Data(#"["12.50", 99]"#.utf8))
        #expect(decoded == [Money(fen: 1250), Money(fen: 99)])
        #expect(String(decoding: try JSONEncoder().encode(Money(fen: 1250)), as: UTF8.self) == #""12.50""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data(#"["12.505"]"#.utf8)) }
    }
}
