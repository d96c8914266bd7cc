import Foundation
import KioskCore
import KioskTestSupport

extension Benchmark {
    /// Events per second through the pure session state machine, one full one-swipe visit at a time.
    static let sessionStateMachine = Benchmark(name: "session", summary: "KioskSession events per second (one-swipe visits)") {
        let catalogue = try Fixtures.catalogue()
        let citizen = try Fixtures.citizen("alpha")
        let records = try require(try Fixtures.recordBook(for: "alpha").records(from: .socialInsurance), "alpha records")
        var harness = SessionHarness(catalogue: catalogue)
        let visits = 20_000
        let clock = ContinuousClock()
        var events = 0
        let elapsed = clock.measure {
            for _ in 0..<visits {
                let reading = CardReading(identity: citizen.identity, citizenKey: CitizenKey(hex: "k"))
                let fetch = harness.session.handle(.cardRead(reading), at: harness.now)
                guard let request = fetch.recordsRequest else { return }
                _ = harness.session.handle(.recordsFetched(request.sessionID, records), at: harness.now)
                _ = harness.session.handle(.choiceSelected(.print), at: harness.now)
                let transaction = TransactionID(session: request.sessionID)
                _ = harness.session.handle(.certificatePrinted(transaction), at: harness.now)
                _ = harness.session.handle(.choiceSelected(.finish), at: harness.now)
                events += 5
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return [
            Figure(name: "events per second", value: Double(events) / seconds, unit: "events/s"),
            Figure(name: "time per event", value: seconds / Double(events) * 1e6, unit: "µs", goal: "≤ 1000 µs", meetsGoal: seconds / Double(events) < 1e-3),
        ]
    }
}

/// Unwraps or throws, for benchmark set-up.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw BenchmarkError.missing(what) }
    return value
}

enum BenchmarkError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let what): "benchmark set-up: missing \(what)"
        }
    }
}
