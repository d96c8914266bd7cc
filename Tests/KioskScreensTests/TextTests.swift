import COneTripNcursesw
import Foundation
import KioskCore
import KioskScreens
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Display widths, wrapping, sanitizing and the ID-number redaction every drawn text goes through.
@Suite("Screen text")
struct TextTests {
    @Test func hanziAndFullwidthSignsTakeTwoColumns() {
        #expect(DisplayWidth.of("请将身份证放在感应区") == 20)
        #expect(DisplayWidth.of("Place your ID card") == 18)
        #expect(DisplayWidth.of("¥350.00") == 7)
        #expect(DisplayWidth.of("￥") == 2)
        #expect(DisplayWidth.of("，。") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("┌─┐█░…") == 6)
    }

    /// ncursesw advances the cursor by glibc's wcwidth; the layout must agree with it on every
    /// printable character of the Basic Multilingual Plane, or columns would drift.
    @Test func widthsAgreeWithGlibcWcwidthAcrossTheBMP() throws {
        let locale = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        var disagreements: [String] = []
        for value in UInt32(0x20)...0xFFFD {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let glibc = onetrip_wcwidth(wchar_t(bitPattern: value))
            guard glibc >= 0 else { continue }  // unassigned or control: never drawn
            if DisplayWidth.of(scalar) != Int(glibc) {
                disagreements.append(String(format: "U+%04X ours %d glibc %d", value, DisplayWidth.of(scalar), glibc))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(12))")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(DisplayWidth.sanitized("a\u{1B}[2Jb\u{7}c\u{9B}d\nx") == "a [2Jb c d x")
        var frame = ScreenFrame(size: TerminalSize(columns: 20, rows: 2))
        frame.write("\u{1B}]0;owned\u{7}", row: 0, column: 0, .body)
        #expect(!frame.texts[0].text.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func englishWrapsAtSpacesChineseAnywhereButBeforePunctuation() {
        #expect(TextWrapper.wrap("Show your Alipay or WeChat Pay payment code", width: 20) == ["Show your Alipay or", "WeChat Pay payment", "code"])
        let lines = TextWrapper.wrap("请打开支付宝或微信付款码，对准扫描窗口", width: 12)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 12 })
        #expect(lines.allSatisfy { !$0.hasPrefix("，") })
        #expect(lines.joined() == "请打开支付宝或微信付款码，对准扫描窗口")
        #expect(TextWrapper.wrap("Supercalifragilistic", width: 8) == ["Supercal", "ifragili", "stic"])
        #expect(TextWrapper.truncated("Social insurance contribution proof", width: 12) == "Social insu…")
        #expect(TextWrapper.truncated("社保参保缴费证明", width: 7) == "社保参…")
        #expect(TextWrapper.wrap("one two three four", width: 9, maximumLines: 1) == ["one two…"])
    }

    @Test func fullIDNumbersAreMaskedBeforeTheyAreDrawn() throws {
        for citizen in try Fixtures.citizens() {
            let number = citizen.identity.documentNumber.unmaskedValue
            let redacted = IDNumberRedaction.redacted("证件号码 \(number) end")
            if (try? IDNumber(number)) != nil {
                #expect(!redacted.contains(number))
                #expect(redacted.contains(PersonalDataMask.idNumber(number)))
            }
        }
        // Not an ID number (fails the check digit), or part of a longer number: left alone.
        #expect(IDNumberRedaction.redacted("330203198504123519") == "330203198504123519")
        #expect(IDNumberRedaction.redacted("9330203198504123518") == "9330203198504123518")
        #expect(IDNumberRedaction.redacted("¥350.00") == "¥350.00")
    }
}
