import KioskCore
import KioskScreens
import KioskTestSupport

extension Benchmark {
    /// Time to lay out a screen (what the screen process does on every update, countdown tick
    /// and resize), and to decode a touch.
    static let screenLayout = Benchmark(name: "screen-layout", summary: "KioskScreens layout per frame and input decoding") {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        var screens = [kiosk.screen]
        kiosk.send(.cardRead(CardReading(identity: try Fixtures.citizen("alpha").identity, citizenKey: CitizenKey(hex: "k"))))
        screens.append(kiosk.screen)
        let request = try require(kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest, "records request")
        kiosk.send(.recordsFetched(request.sessionID, try require(try Fixtures.recordBook(for: "alpha").records(from: .trafficViolations))))
        screens.append(kiosk.screen)
        kiosk.send(.choiceSelected(.payCash))
        screens.append(kiosk.screen)

        let clock = ContinuousClock()
        var figures: [Figure] = []
        for size in [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 160, rows: 48)] {
            let layout = ScreenLayout(size: size, status: StatusInfo(kioskID: "BENCH-01", time: "2026-11-26 09:30"))
            let rounds = 2_000
            var regions = 0
            let elapsed = clock.measure {
                for round in 0..<rounds {
                    regions += layout.frame(for: screens[round % screens.count]).regions.count
                }
            }
            let microseconds = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
            let perFrame = microseconds / Double(rounds)
            figures.append(
                Figure(name: "layout per frame at \(size)", value: perFrame, unit: "µs", goal: "≤ 5000 µs", meetsGoal: perFrame <= 5000 && regions > 0))
        }

        let touch = Array("\u{1B}[<0;40;20M\u{1B}[<0;40;20m1".utf8)
        var decoder = TerminalInputDecoder()
        let repeats = 100_000
        var decoded = 0
        let elapsed = clock.measure {
            for _ in 0..<repeats { decoded += decoder.decode(touch).count }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        figures.append(Figure(name: "inputs decoded per second", value: Double(decoded) / seconds, unit: "inputs/s"))
        return figures
    }
}
