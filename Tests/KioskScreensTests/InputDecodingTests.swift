import KioskCore
import KioskScreens
import Testing

/// Bytes from the terminal to keys and touches, and keys and touches to what they mean on a screen.
@Suite("Terminal input")
struct InputDecodingTests {
    static let escape: UInt8 = 0x1B

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let table: [(String, [UInt8], [TerminalInput])] = [
        ("digit", bytes("1"), [.character("1")]),
        ("carriage return", [0x0D], [.enter]),
        ("line feed", [0x0A], [.enter]),
        ("SGR press", bytes("\u{1B}[<0;10;5M"), [.mouse(MouseReport(button: .primary, isPress: true, row: 4, column: 9))]),
        ("SGR release", bytes("\u{1B}[<0;10;5m"), [.mouse(MouseReport(button: .primary, isPress: false, row: 4, column: 9))]),
        ("SGR large coordinates", bytes("\u{1B}[<0;300;120M"), [.mouse(MouseReport(button: .primary, isPress: true, row: 119, column: 299))]),
        ("SGR right button", bytes("\u{1B}[<2;1;1M"), [.mouse(MouseReport(button: .other, isPress: true, row: 0, column: 0))]),
        ("SGR wheel", bytes("\u{1B}[<64;1;1M"), [.mouse(MouseReport(button: .other, isPress: true, row: 0, column: 0))]),
        ("SGR drag", bytes("\u{1B}[<32;3;4M"), [.mouse(MouseReport(button: .primary, isPress: true, isMotion: true, row: 3, column: 2))]),
        ("X10 press", [escape, 0x5B, 0x4D, 32, 33 + 9, 33 + 4], [.mouse(MouseReport(button: .primary, isPress: true, row: 4, column: 9))]),
        ("X10 release", [escape, 0x5B, 0x4D, 35, 33 + 9, 33 + 4], [.mouse(MouseReport(button: .primary, isPress: false, row: 4, column: 9))]),
        ("keypad 7 in application mode", bytes("\u{1B}Ow"), [.character("7")]),
        ("keypad 0 in application mode", bytes("\u{1B}Op"), [.character("0")]),
        ("keypad Enter in application mode", bytes("\u{1B}OM"), [.enter]),
        ("keypad * in application mode", bytes("\u{1B}Oj"), [.character("*")]),
        ("arrow up", bytes("\u{1B}[A"), [.ignored]),
        ("F5", bytes("\u{1B}[15~"), [.ignored]),
        ("F1", bytes("\u{1B}OP"), [.ignored]),
        ("Alt-x", bytes("\u{1B}x"), [.ignored]),
        ("UTF-8 hanzi", bytes("中"), [.character("中")]),
        ("NUL and BEL", [0, 7], []),
        ("invalid UTF-8", [0xFF, 0xC3, 0x28], [.character("(")]),
        ("SGR with a missing parameter", bytes("\u{1B}[<0;;5M"), [.ignored]),
        ("SGR with zero coordinates", bytes("\u{1B}[<0;0;0M"), [.ignored]),
        ("digits and a touch in one read", bytes("12\u{1B}[<0;1;2M3"), [
            .character("1"), .character("2"), .mouse(MouseReport(button: .primary, isPress: true, row: 1, column: 0)), .character("3"),
        ]),
    ]

    @Test(arguments: table.indices)
    func decodesWholeAndByteByByte(index: Int) {
        let (name, bytes, expected) = Self.table[index]
        var whole = TerminalInputDecoder()
        #expect(whole.decode(bytes) == expected, "\(name) whole")
        #expect(!whole.hasPendingBytes, "\(name) left bytes pending")
        var dripped = TerminalInputDecoder()
        var inputs: [TerminalInput] = []
        for byte in bytes { inputs += dripped.decode([byte]) }
        #expect(!dripped.hasPendingBytes, "\(name) left bytes pending")
        #expect(inputs == expected, "\(name) byte by byte")
    }

    @Test func aLoneEscapeWaitsForAPauseThenIsEscape() {
        var decoder = TerminalInputDecoder()
        #expect(decoder.decode([Self.escape]).isEmpty)
        #expect(decoder.hasPendingBytes)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPendingBytes)
        // ESC ESC: the first one is a key of its own.
        #expect(decoder.decode([Self.escape, Self.escape]) == [.escape])
        #expect(decoder.flush() == [.escape])
        // A sequence cut off by a pause is not mistaken for keys.
        #expect(decoder.decode(Self.bytes("\u{1B}[<0;1")).isEmpty)
        #expect(decoder.flush() == [.escape, .ignored])
    }

    @Test func endlessGarbageIsDroppedNotHoarded() {
        var decoder = TerminalInputDecoder()
        let inputs = decoder.decode(Self.bytes("\u{1B}[" + String(repeating: "1;", count: 100)))
        #expect(inputs.contains(.ignored))
        #expect(!decoder.hasPendingBytes)
        #expect(decoder.decode(Self.bytes("5")) == [.character("5")])
    }
}

/// What inputs mean on a screen.
@Suite("Screen input recognition")
struct ScreenInputRecognizerTests {
    static let size = TerminalSize(columns: 80, rows: 24)
    static let status = StatusInfo(kioskID: "TEST-01", time: "2026-11-26 09:30")

    func preview() throws -> (Screen, ScreenFrame) {
        let screen = try #require(try ScreenTour.stops(.zh).first { $0.name == "preview-proof" }?.screen)
        return (screen, ScreenLayout(size: Self.size, status: Self.status).frame(for: screen))
    }

    static func touch(_ region: HitRegion, press: Bool, offset: Int = 0) -> TerminalInput {
        .mouse(MouseReport(button: .primary, isPress: press, row: region.rect.row + 1, column: region.rect.column + 2 + offset))
    }

    @Test func keysSelectByDigitEnterAndEscape() throws {
        let (screen, frame) = try self.preview()
        var recognizer = ScreenInputRecognizer()
        #expect(recognizer.recognize(.character("1"), screen: screen, frame: frame, now: .seconds(1)) == .choiceSelected(.print))
        recognizer.screenChanged()
        #expect(recognizer.recognize(.enter, screen: screen, frame: frame, now: .seconds(1)) == .choiceSelected(.print))
        recognizer.screenChanged()
        #expect(recognizer.recognize(.escape, screen: screen, frame: frame, now: .seconds(1)) == .choiceSelected(.cancel))
        recognizer.screenChanged()
        #expect(recognizer.recognize(.character("0"), screen: screen, frame: frame, now: .seconds(1)) == .choiceSelected(.cancel))
        #expect(recognizer.recognize(.character("*"), screen: screen, frame: frame, now: .seconds(1)) == .languageToggled)
        recognizer.screenChanged()
        for unknown: TerminalInput in [.character("9"), .character("x"), .ignored, .mouse(MouseReport(button: .other, isPress: true, row: 1, column: 1))] {
            #expect(recognizer.recognize(unknown, screen: screen, frame: frame, now: .seconds(1)) == nil)
        }
    }

    @Test func aTouchSelectsOnReleaseOverTheSameButton() throws {
        let (screen, frame) = try self.preview()
        let print = try #require(frame.region(for: .choice(.print)))
        let exit = try #require(frame.region(for: .choice(.cancel)))
        var recognizer = ScreenInputRecognizer()
        #expect(recognizer.recognize(Self.touch(print, press: true), screen: screen, frame: frame, now: .zero) == nil)
        #expect(recognizer.pressed == .choice(.print))
        #expect(recognizer.recognize(Self.touch(print, press: false, offset: 3), screen: screen, frame: frame, now: .zero) == .choiceSelected(.print))
        #expect(recognizer.pressed == nil)

        // Pressed on one button, released on another: nothing.
        recognizer.screenChanged()
        _ = recognizer.recognize(Self.touch(print, press: true), screen: screen, frame: frame, now: .zero)
        #expect(recognizer.recognize(Self.touch(exit, press: false), screen: screen, frame: frame, now: .zero) == nil)
        // Outside every button: nothing.
        _ = recognizer.recognize(.mouse(MouseReport(button: .primary, isPress: true, row: 10, column: 0)), screen: screen, frame: frame, now: .zero)
        #expect(recognizer.recognize(.mouse(MouseReport(button: .primary, isPress: false, row: 10, column: 0)), screen: screen, frame: frame, now: .zero) == nil)
        // Sliding off while pressed cancels.
        _ = recognizer.recognize(Self.touch(print, press: true), screen: screen, frame: frame, now: .zero)
        _ = recognizer.recognize(.mouse(MouseReport(button: .primary, isPress: true, isMotion: true, row: 10, column: 0)), screen: screen, frame: frame, now: .zero)
        #expect(recognizer.pressed == nil)
        #expect(recognizer.recognize(Self.touch(print, press: false), screen: screen, frame: frame, now: .zero) == nil)
        // The language button.
        let language = try #require(frame.region(for: .language))
        _ = recognizer.recognize(Self.touch(language, press: true), screen: screen, frame: frame, now: .zero)
        #expect(recognizer.recognize(Self.touch(language, press: false), screen: screen, frame: frame, now: .zero) == .languageToggled)
    }

    @Test func aDoubleTapSendsOneChoiceUntilTheNextScreen() throws {
        let (screen, frame) = try self.preview()
        var recognizer = ScreenInputRecognizer()
        #expect(recognizer.recognize(.character("1"), screen: screen, frame: frame, now: .seconds(10)) == .choiceSelected(.print))
        #expect(recognizer.recognize(.character("1"), screen: screen, frame: frame, now: .milliseconds(10_200)) == nil)
        #expect(recognizer.recognize(.character("1"), screen: screen, frame: frame, now: .seconds(12)) == .choiceSelected(.print))
        recognizer.screenChanged()
        #expect(recognizer.recognize(.character("1"), screen: screen, frame: frame, now: .milliseconds(12_100)) == .choiceSelected(.print))
    }

    @Test func nothingMeansAnythingWithoutASessionScreen() throws {
        let (_, frame) = try self.preview()
        var recognizer = ScreenInputRecognizer()
        #expect(recognizer.recognize(.character("1"), screen: nil, frame: frame, now: .zero) == nil)
        #expect(recognizer.recognize(.character("*"), screen: nil, frame: frame, now: .zero) == nil)
    }
}
