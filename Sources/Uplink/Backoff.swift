import Foundation

/// Exponential backoff with jitter for retries while the back office is unreachable or failing.
///
/// The delay before retry `n` (1-based) is drawn uniformly from `[d/2, d]`, where
/// `d = min(maximum, initial × multiplier^(n−1))` ("equal jitter" in AWS's "Exponential Backoff
/// and Jitter"): a fleet of kiosks coming back online at once spreads out, and no kiosk ever
/// retries sooner than half the nominal delay.
public struct Backoff: Hashable, Sendable {
    /// The nominal delay before the first retry.
    public var initial: Duration
    /// The cap on the nominal delay.
    public var maximum: Duration
    /// How much the nominal delay grows per failure.
    public var multiplier: Double

    /// Creates a policy (default 1 s doubling to at most 5 minutes).
    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(300), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.multiplier = max(1, multiplier)
    }

    /// The nominal (un-jittered) delay before retry `attempt`.
    public func nominalDelay(attempt: Int) -> Duration {
        let initial = Self.seconds(self.initial)
        let maximum = Self.seconds(self.maximum)
        let exponent = Double(max(0, attempt - 1))
        let seconds = min(maximum, initial * pow(self.multiplier, exponent))
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The jittered delay before retry `attempt` (1-based).
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let nominal = Self.seconds(self.nominalDelay(attempt: attempt))
        let seconds = Double.random(in: (nominal / 2)...nominal, using: &generator)
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
