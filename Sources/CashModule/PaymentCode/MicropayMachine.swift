import KioskCore

/// One payment-code trade from the pay call to a final state, as a pure state machine after
/// research C.5 (derived from WeChat Pay's and Alipay's merchant guides): time is an input, the
/// provider's answers are events, calls and waits are the output.
///
/// ```
/// paying ──paid──────────────────────────────► paid
///   │ └─user paying / unknown / no answer──► polling ──paid──► paid
///   │                                          │ └─closed──► failed
///   └─definite failure──► failed               └─deadline or cancel──► cancelling ──► reversed
///                                                                          └─retries spent──► manual review
/// ```
///
/// The pay call is never repeated: after an unclear answer the trade is queried, and after the
/// deadline it is reversed (WeChat: not before 15 s after the pay call, again while `recall=Y`).
public struct MicropayMachine: Sendable {
    /// Waits and limits (defaults from research C.3/C.4; tests shorten them).
    public struct Timing: Hashable, Sendable {
        /// Between queries while the citizen confirms (WeChat "3–5 s"; Alipay demo 5 s).
        public var queryInterval: Duration = .seconds(5)
        /// After an unknown answer, before the first query (WeChat: 5 s after SYSTEMERROR).
        public var unknownWait: Duration = .seconds(5)
        /// From the pay call to giving up and reversing (WeChat closes unpaid orders at 45 s).
        public var paymentDeadline: Duration = .seconds(45)
        /// The earliest reverse after the pay call (WeChat reverse: not earlier than 15 s).
        public var reverseNotBefore: Duration = .seconds(15)
        /// Between reverse attempts.
        public var reverseRetryInterval: Duration = .seconds(5)
        /// Reverse attempts before an operator must look.
        public var maximumReverseAttempts = 6

        /// The defaults.
        public init() {}
    }

    /// Where the trade stands.
    public enum State: Hashable, Sendable {
        /// The pay call is to be made (or is in flight).
        case paying
        /// Alipay said paid; one query confirms it (Alipay's newer guidance, research C.4).
        case confirming
        /// Waiting for the citizen or for the provider; the next query at `nextQueryAt`.
        case polling(nextQueryAt: Duration)
        /// Reversing; the next attempt at `nextAttemptAt`.
        case cancelling(nextAttemptAt: Duration, attempts: Int)
        /// Paid.
        case paid(PaidTrade)
        /// Definitely not paid.
        case failed(code: String, message: String)
        /// Reversed (closed, or refunded if it had been paid).
        case reversed(refunded: Bool)
        /// Neither confirmed nor reversed: an operator must look.
        case manualReview(String)

        /// Whether the trade reached an end.
        public var isFinal: Bool {
            switch self {
            case .paid, .failed, .reversed, .manualReview: true
            case .paying, .confirming, .polling, .cancelling: false
            }
        }

        /// The ledger's name for the state.
        public var name: String {
            switch self {
            case .paying: "paying"
            case .confirming: "confirming"
            case .polling: "polling"
            case .cancelling: "cancelling"
            case .paid: "paid"
            case .failed: "failed"
            case .reversed: "reversed"
            case .manualReview: "manual-review"
            }
        }
    }

    /// What to do next.
    public enum Step: Hashable, Sendable {
        /// Call pay.
        case pay(MicropayRequest)
        /// Call query.
        case query(String)
        /// Call reverse.
        case reverse(String)
        /// Nothing until this uptime (or a cancellation).
        case wait(until: Duration)
        /// The trade is over.
        case finished(State)
    }

    /// What the owner is told after an answer.
    public enum Notice: Hashable, Sendable {
        /// The citizen must confirm on the phone.
        case userPaying
        /// The state changed (record it).
        case stateChanged(State)
    }

    /// The kiosk's trade number.
    public let outTradeNumber: String
    /// The wallet.
    public let wallet: Wallet
    /// The pay request (`nil` for a trade resumed after a restart: its pay call was made).
    public let payRequest: MicropayRequest?
    /// The waits.
    public let timing: Timing
    /// The state.
    public private(set) var state: State = .paying
    /// When the pay call was made (`nil` before).
    public private(set) var payCalledAt: Duration?
    /// Whether the citizen or the session stopped the payment.
    public private(set) var isCancelRequested = false
    private var hasToldUserPaying = false
    private var isCallInFlight = false
    private var hasQueriedAfterResume = true

    /// Creates the machine for one scan.
    public init(request: MicropayRequest, timing: Timing = Timing()) {
        self.outTradeNumber = request.outTradeNumber
        self.wallet = request.code.wallet
        self.payRequest = request
        self.timing = timing
    }

    /// Resumes a trade a previous run left unfinished (research C.5 rule 9): the pay call may
    /// have been made, so the trade is queried once and, unless paid or closed, reversed.
    public init(resuming outTradeNumber: String, wallet: Wallet, timing: Timing = Timing(), at now: Duration) {
        self.outTradeNumber = outTradeNumber
        self.wallet = wallet
        self.payRequest = nil
        self.timing = timing
        self.payCalledAt = now - timing.paymentDeadline
        self.state = .polling(nextQueryAt: now)
        self.hasQueriedAfterResume = false
    }

    /// The next step at `now`. A call step marks the call in flight until its answer arrives.
    public mutating func nextStep(at now: Duration) -> Step {
        if self.isCallInFlight { return .wait(until: now + .milliseconds(50)) }
        switch self.state {
        case .paying:
            guard let request = self.payRequest else {
                self.state = .polling(nextQueryAt: now)
                return self.nextStep(at: now)
            }
            self.isCallInFlight = true
            self.payCalledAt = now
            return .pay(request)
        case .confirming:
            self.isCallInFlight = true
            return .query(self.outTradeNumber)
        case .polling(let next):
            let deadline = (self.payCalledAt ?? now) + self.timing.paymentDeadline
            if !self.hasQueriedAfterResume {
                self.hasQueriedAfterResume = true
                self.isCallInFlight = true
                return .query(self.outTradeNumber)
            }
            if now >= deadline || self.isCancelRequested {
                self.state = .cancelling(nextAttemptAt: max(now, (self.payCalledAt ?? now) + self.timing.reverseNotBefore), attempts: 0)
                return self.nextStep(at: now)
            }
            guard now >= next else { return .wait(until: min(next, deadline)) }
            self.isCallInFlight = true
            return .query(self.outTradeNumber)
        case .cancelling(let next, _):
            guard now >= next else { return .wait(until: next) }
            self.isCallInFlight = true
            return .reverse(self.outTradeNumber)
        case .paid, .failed, .reversed, .manualReview:
            return .finished(self.state)
        }
    }

    /// The citizen cancelled or the session stopped: an unpaid trade is reversed.
    public mutating func cancel() {
        self.isCancelRequested = true
    }

    /// The pay call's outcome.
    public mutating func payAnswered(_ result: Result<MicropayAnswer, PaymentProviderError>, at now: Duration) -> [Notice] {
        self.isCallInFlight = false
        guard self.state == .paying else { return [] }
        switch result {
        case .success(.paid(let trade)):
            if self.wallet == .alipay { return self.move(to: .confirming) }
            return self.move(to: .paid(trade))
        case .success(.userPaying):
            return self.userPaying() + self.move(to: .polling(nextQueryAt: now + self.timing.queryInterval))
        case .success(.unknown), .failure:
            return self.move(to: .polling(nextQueryAt: now + self.timing.unknownWait))
        case .success(.failed(let code, let message)):
            return self.move(to: .failed(code: code, message: message))
        }
    }

    /// A query's outcome.
    public mutating func queryAnswered(_ result: Result<TradeQueryAnswer, PaymentProviderError>, at now: Duration) -> [Notice] {
        self.isCallInFlight = false
        switch self.state {
        case .confirming, .polling: break
        default: return []
        }
        switch result {
        case .success(.paid(let trade)):
            return self.move(to: .paid(trade))
        case .success(.waiting(let detail)):
            let notices = detail == "USERPAYING" ? self.userPaying() : []
            return notices + self.move(to: .polling(nextQueryAt: now + self.timing.queryInterval))
        case .success(.closed(let detail)):
            return self.move(to: .failed(code: detail, message: "the payment was not completed (\(detail))"))
        case .success(.refunded):
            return self.move(to: .reversed(refunded: true))
        case .success(.notFound), .failure:
            return self.move(to: .polling(nextQueryAt: now + self.timing.queryInterval))
        }
    }

    /// A reverse's outcome.
    public mutating func reverseAnswered(_ result: Result<ReverseAnswer, PaymentProviderError>, at now: Duration) -> [Notice] {
        self.isCallInFlight = false
        guard case .cancelling(_, let attempts) = self.state else { return [] }
        let problem: String
        switch result {
        case .success(.reversed(let refunded)):
            return self.move(to: .reversed(refunded: refunded))
        case .success(.retryLater(let detail)), .success(.failed(let detail)):
            problem = detail
        case .failure(let error):
            problem = error.description
        }
        if attempts + 1 < self.timing.maximumReverseAttempts {
            return self.move(to: .cancelling(nextAttemptAt: now + self.timing.reverseRetryInterval, attempts: attempts + 1))
        }
        return self.move(to: .manualReview("the trade could not be reversed after \(attempts + 1) attempts: \(problem)"))
    }

    private mutating func userPaying() -> [Notice] {
        guard !self.hasToldUserPaying else { return [] }
        self.hasToldUserPaying = true
        return [.userPaying]
    }

    private mutating func move(to state: State) -> [Notice] {
        guard state != self.state else { return [] }
        let nameChanged = state.name != self.state.name
        self.state = state
        return nameChanged ? [.stateChanged(state)] : []
    }
}
