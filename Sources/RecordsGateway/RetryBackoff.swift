/// The pauses between attempts of one records lookup: short, because a citizen is waiting.
///
/// The pause before retry `n` (1-based) is drawn uniformly from `[d/2, d]` with
/// `d = min(maximum, initial × 2^(n−1))` ("equal jitter", the same rule as the uploader's
/// backoff): kiosks that all saw the gateway fail at once do not all come back at once.
public struct RetryBackoff: Hashable, Sendable {
    /// The nominal pause before the first retry.
    public var initial: Duration
    /// The cap on the nominal pause.
    public var maximum: Duration

    /// Creates a policy (default 250 ms doubling to at most 2 s).
    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(2)) {
        self.initial = max(.zero, initial)
        self.maximum = max(self.initial, maximum)
    }

    /// The nominal (un-jittered) pause before retry `attempt`.
    public func nominalDelay(retry attempt: Int) -> Duration {
        var delay = self.initial
        var doublings = max(0, attempt - 1)
        while doublings > 0, delay < self.maximum {
            delay *= 2
            doublings -= 1
        }
        return min(delay, self.maximum)
    }

    /// The jittered pause before retry `attempt` (1-based).
    public func delay(retry attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let nominal = Self.nanoseconds(self.nominalDelay(retry: attempt))
        guard nominal > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: (nominal / 2)...nominal, using: &generator))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
