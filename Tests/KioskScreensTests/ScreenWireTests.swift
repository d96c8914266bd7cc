import Foundation
import KioskCore
import KioskScreens
import Testing

/// The screen socket's messages: their JSON, framing and meaning to the session.
@Suite("Screen wire messages")
struct ScreenWireTests {
    @Test func inputsHaveAStableJSONShapeAndMapToSessionEvents() throws {
        #expect(String(decoding: try JSONLineFramer.encode(ScreenInput.choiceSelected(.print)), as: UTF8.self) == #"{"choice":"print","input":"choice"}"# + "\n")
        #expect(String(decoding: try JSONLineFramer.encode(ScreenInput.languageToggled), as: UTF8.self) == #"{"input":"language"}"# + "\n")
        let service = ScreenInput.choiceSelected(.service("traffic-fine-payment"))
        #expect(try JSONLineFramer.decode(ScreenInput.self, from: Array(try JSONLineFramer.encode(service).dropLast())) == service)
        #expect(service.sessionEvent == .choiceSelected(.service("traffic-fine-payment")))
        #expect(ScreenInput.languageToggled.sessionEvent == .languageToggled)
    }

    @Test func everyScreenOfTheTourSurvivesTheWire() throws {
        for stop in try ScreenTour.stops(.en) {
            let line = try JSONLineFramer.encode(ScreenUpdate.show(stop.screen))
            #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
            #expect(try JSONLineFramer.decode(ScreenUpdate.self, from: Array(line.dropLast())) == .show(stop.screen))
        }
        #expect(try JSONLineFramer.decode(ScreenUpdate.self, from: Array(#"{"update":"blank"}"#.utf8)) == .blank)
    }

    @Test func malformedMessagesAreTypedErrorsThatNameTheFieldNotTheContent() {
        func error(_ json: String) -> JSONLineError? {
            do {
                _ = try JSONLineFramer.decode(ScreenUpdate.self, from: Array(json.utf8))
                return nil
            } catch {
                return error
            }
        }
        #expect(error(#"{"update":"explode"}"#)?.description.contains("unknown screen update 'explode'") == true)
        #expect(error(#"{"update":"show"}"#)?.description.contains("missing key 'screen'") == true)
        let wrongKind = error(#"{"update":"show","screen":{"kind":"disco","language":"zh-CN","title":{"zh":"测试甲","en":"x"},"lines":[],"choices":[],"notices":[]}}"#)
        #expect(wrongKind != nil)
        #expect(wrongKind?.description.contains("测试甲") == false)
        #expect(error("not json") != nil)
    }

    @Test func framerSplitsChunksSkipsBlankLinesAndDropsOverlongOnes() throws {
        var framer = JSONLineFramer(maximumLineLength: 16)
        framer.append(Array("{\"a\":1}\r\n\n{\"b\"".utf8))
        #expect(try framer.nextLine() == Array("{\"a\":1}".utf8))
        #expect(try framer.nextLine() == nil)
        framer.append(Array(":2}\n".utf8))
        #expect(try framer.nextLine() == Array("{\"b\":2}".utf8))

        framer.append(Array(String(repeating: "x", count: 40).utf8))
        #expect(throws: JSONLineError.lineTooLong(limit: 16)) { try framer.nextLine() }
        framer.append(Array("still the long line\n{\"c\":3}\n".utf8))
        #expect(try framer.nextLine() == Array("{\"c\":3}".utf8))
        #expect(framer.bufferedByteCount == 0)
    }
}
