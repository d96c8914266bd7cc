import KioskCore

/// A payment-code ("micropay") provider: WeChat Pay 付款码支付, Alipay 当面付 barcode pay, or an
/// aggregating gateway in front of both. The semantics every implementation must keep
/// (research C.3–C.5):
///
/// - ``pay(_:)`` is idempotent per out-trade number; a new scan needs a new out-trade number.
/// - "the user is paying" (USERPAYING / 10003) is an intermediate answer, not a failure.
/// - an unclear answer (SYSTEMERROR / 20000, or no answer at all) means: query, never pay again.
/// - ``reverse(outTradeNumber:)`` closes an unpaid trade or refunds a paid one, and may say
///   "try again" (`recall=Y`, `retry_flag=Y`, "still paying").
/// - ``refund(_:)`` is idempotent per refund number.
public protocol PaymentProvider: Sendable {
    /// Submits a payment with the scanned code.
    func pay(_ request: MicropayRequest) async throws(PaymentProviderError) -> MicropayAnswer
    /// Asks where a trade stands.
    func query(outTradeNumber: String) async throws(PaymentProviderError) -> TradeQueryAnswer
    /// Cancels a trade (closing it, or refunding it if it was paid).
    func reverse(outTradeNumber: String) async throws(PaymentProviderError) -> ReverseAnswer
    /// Refunds (part of) a paid trade.
    func refund(_ request: RefundRequest) async throws(PaymentProviderError) -> RefundAnswer
}

/// A payment to submit.
public struct MicropayRequest: Hashable, Sendable {
    /// The kiosk's trade number: unique per scan, ≤ 32 characters, letters, digits and `_`.
    public var outTradeNumber: String
    /// The scanned code.
    public var code: PaymentCode
    /// The amount.
    public var amount: Money
    /// What is paid for (shown in the citizen's wallet).
    public var description: String

    /// Creates a request.
    public init(outTradeNumber: String, code: PaymentCode, amount: Money, description: String) {
        self.outTradeNumber = outTradeNumber
        self.code = code
        self.amount = amount
        self.description = description
    }
}

/// A trade the provider confirmed as paid.
public struct PaidTrade: Hashable, Sendable, Codable {
    /// The provider's own trade number.
    public var providerTradeNumber: String
    /// The amount paid.
    public var amount: Money

    /// Creates the value.
    public init(providerTradeNumber: String, amount: Money) {
        self.providerTradeNumber = providerTradeNumber
        self.amount = amount
    }
}

/// The answer to a pay call.
public enum MicropayAnswer: Hashable, Sendable {
    /// Paid.
    case paid(PaidTrade)
    /// The wallet asks the citizen to confirm (enter the password): query until paid.
    case userPaying
    /// The provider does not know yet (SYSTEMERROR, BANKERROR, 20000): wait, then query.
    case unknown(String)
    /// Definitely not paid (expired code, insufficient balance): the citizen needs a fresh code.
    case failed(code: String, message: String)
}

/// The answer to a query.
public enum TradeQueryAnswer: Hashable, Sendable {
    /// Paid.
    case paid(PaidTrade)
    /// Not paid yet (USERPAYING, NOTPAY, WAIT_BUYER_PAY).
    case waiting(String)
    /// Ended without payment (CLOSED, REVOKED, PAYERROR, TRADE_CLOSED).
    case closed(String)
    /// Paid, then refunded.
    case refunded
    /// The provider has no such trade (the pay call never arrived).
    case notFound
}

/// The answer to a reverse (cancel).
public enum ReverseAnswer: Hashable, Sendable {
    /// Done: the trade is closed, and refunded if it had been paid.
    case reversed(refunded: Bool)
    /// Not now (the citizen is still confirming, or the provider is busy): try again.
    case retryLater(String)
    /// Refused for good.
    case failed(String)
}

/// A refund to submit.
public struct RefundRequest: Hashable, Sendable {
    /// The trade.
    public var outTradeNumber: String
    /// The refund's own number (`<out_trade_no>R1`): retries must reuse it.
    public var refundNumber: String
    /// The amount to give back.
    public var amount: Money
    /// The trade's total.
    public var total: Money
    /// Why, for the provider's records.
    public var reason: String

    /// Creates a request.
    public init(outTradeNumber: String, refundNumber: String, amount: Money, total: Money, reason: String) {
        self.outTradeNumber = outTradeNumber
        self.refundNumber = refundNumber
        self.amount = amount
        self.total = total
        self.reason = reason
    }
}

/// The answer to a refund.
public enum RefundAnswer: Hashable, Sendable {
    /// Accepted (confirm later with a query).
    case accepted(providerRefundNumber: String)
    /// Refused.
    case failed(code: String, message: String)
}

/// A call that got no usable answer: the outcome is unknown, so the caller queries later.
public enum PaymentProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No connection (refused, unreachable, DNS, TLS).
    case unreachable(String)
    /// No answer in time.
    case timeout(Duration)
    /// An answer that cannot be understood (HTTP 5xx, bad JSON).
    case badAnswer(String)

    public var description: String {
        switch self {
        case .unreachable(let detail): "payment provider unreachable: \(detail)"
        case .timeout(let after): "payment provider did not answer within \(after)"
        case .badAnswer(let detail): "payment provider answered badly: \(detail)"
        }
    }
}
