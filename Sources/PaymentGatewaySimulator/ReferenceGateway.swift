import CashModule
import Foundation
import KioskCore

/// The payment gateway's side of the micropay contract, as a model with scripted wallets:
/// what WeChat Pay / Alipay do with a scanned code, per research C.3–C.5. The HTTP server
/// (``PaymentGatewayServer``) puts it on loopback; tests also script it directly.
///
/// Semantics kept: `out_trade_no` is idempotent (the same trade replayed, a different code
/// refused with OUT_TRADE_NO_USED); USERPAYING is intermediate; SYSTEMERROR may hide a success
/// only a query reveals; an expired code fails for good; reverse closes an unpaid trade, refunds
/// a paid one, and answers "still paying, call again" (USERPAYING, `recall=Y`) while scripted;
/// `out_refund_no` is idempotent.
public actor ReferenceGateway {
    /// What the citizen's wallet does with a code.
    public enum Behaviour: Hashable, Sendable {
        /// Pays at once.
        case succeed
        /// Asks for the password, then pays after `after`.
        case userPayingThenSucceed(after: Duration)
        /// Asks for the password, then fails (PAYERROR) after `after`.
        case userPayingThenFail(after: Duration)
        /// Asks for the password and never confirms; the first `reverseRefusals` reverses say
        /// "still paying".
        case userPayingForever(reverseRefusals: Int)
        /// Answers SYSTEMERROR although the payment went through.
        case systemErrorWithHiddenSuccess
        /// The code expired (AUTH_CODE_INVALID "101 付款码已过期").
        case expired
        /// Not enough money (NOTENOUGH).
        case insufficientBalance

        /// The behaviour a demo code selects by its last digit (for `onetrip sim payment-gateway`).
        public static func forDemoCode(_ code: String) -> Behaviour {
            switch code.last {
            case "2": .userPayingThenSucceed(after: .seconds(3))
            case "3": .userPayingThenFail(after: .seconds(3))
            case "4": .systemErrorWithHiddenSuccess
            case "5": .expired
            case "6": .userPayingForever(reverseRefusals: 2)
            case "7": .insufficientBalance
            default: .succeed
            }
        }
    }

    /// Where a trade stands.
    public enum TradeState: Hashable, Sendable {
        /// The citizen is confirming until `until`, then `then`.
        case userPaying(until: ContinuousClock.Instant?, then: Outcome)
        /// Paid.
        case success
        /// Failed while paying.
        case payError
        /// Closed unpaid.
        case closed
        /// Reversed (refunded if it had been paid).
        case revoked(refunded: Bool)
        /// Paid and fully refunded.
        case refunded

        /// What a confirmation ends in.
        public enum Outcome: Hashable, Sendable { case success, payError }
    }

    /// One trade, for tests.
    public struct Trade: Hashable, Sendable {
        /// The kiosk's trade number.
        public var outTradeNo: String
        /// The code it was paid with (the gateway needs it; it is never logged).
        public var authCode: String
        /// The amount in fen.
        public var totalFee: Int64
        /// Where it stands.
        public var state: TradeState
        /// The provider's trade number.
        public var transactionID: String
        /// How many more reverses say "still paying".
        public var reverseRefusals: Int
        /// Refunds applied, by refund number.
        public var refunds: [String: Int64]
        /// How many pay calls named this trade.
        public var payCalls: Int
    }

    private var trades: [String: Trade] = [:]
    private var scripts: [String: Behaviour] = [:]
    private var sequence = 0
    private let clock = ContinuousClock()
    /// Calls received, in order (`micropay HS_…_1`), for tests.
    public private(set) var calls: [String] = []

    /// Creates an empty gateway.
    public init() {}

    /// Scripts what the wallet does with `authCode` (otherwise ``Behaviour/forDemoCode(_:)``).
    public func script(_ authCode: String, _ behaviour: Behaviour) {
        self.scripts[authCode] = behaviour
    }

    /// A trade by number.
    public func trade(_ outTradeNo: String) -> Trade? {
        self.settle(outTradeNo)
        return self.trades[outTradeNo]
    }

    /// Every trade.
    public var allTrades: [Trade] { self.trades.keys.sorted().compactMap { self.trade($0) } }

    /// Notes a call (the server also logs it).
    func record(_ call: String) { self.calls.append(call) }

    /// Moves a trade whose confirmation time passed.
    private func settle(_ outTradeNo: String) {
        guard var trade = self.trades[outTradeNo], case .userPaying(let until?, let then) = trade.state, self.clock.now >= until else { return }
        trade.state = then == .success ? .success : .payError
        self.trades[outTradeNo] = trade
    }

    // MARK: Operations

    /// `POST /v1/micropay`.
    public func micropay(_ body: PaymentGatewayAPI.MicropayBody) -> PaymentGatewayAPI.Answer {
        self.record("micropay \(body.outTradeNo)")
        typealias Answer = PaymentGatewayAPI.Answer
        if var trade = self.trades[body.outTradeNo] {
            guard trade.authCode == body.authCode, trade.totalFee == body.totalFee else {
                return Answer(result: "FAIL", errCode: "OUT_TRADE_NO_USED", errCodeDes: "商户订单号重复")
            }
            trade.payCalls += 1
            self.trades[body.outTradeNo] = trade
            self.settle(body.outTradeNo)
            return self.replay(self.trades[body.outTradeNo]!)
        }
        let behaviour = self.scripts[body.authCode] ?? .forDemoCode(body.authCode)
        self.sequence += 1
        let transactionID = "4200\(String(format: "%014d", self.sequence))"
        var trade = Trade(
            outTradeNo: body.outTradeNo, authCode: body.authCode, totalFee: body.totalFee, state: .success, transactionID: transactionID,
            reverseRefusals: 0, refunds: [:], payCalls: 1)
        let answer: Answer
        switch behaviour {
        case .succeed:
            answer = Answer(result: "SUCCESS", transactionID: transactionID, totalFee: body.totalFee)
        case .userPayingThenSucceed(let after):
            trade.state = .userPaying(until: self.clock.now + after, then: .success)
            answer = Answer(result: "USERPAYING", errCode: "USERPAYING", errCodeDes: "需要用户输入支付密码")
        case .userPayingThenFail(let after):
            trade.state = .userPaying(until: self.clock.now + after, then: .payError)
            answer = Answer(result: "USERPAYING", errCode: "USERPAYING", errCodeDes: "需要用户输入支付密码")
        case .userPayingForever(let refusals):
            trade.state = .userPaying(until: nil, then: .payError)
            trade.reverseRefusals = refusals
            answer = Answer(result: "USERPAYING", errCode: "USERPAYING", errCodeDes: "需要用户输入支付密码")
        case .systemErrorWithHiddenSuccess:
            answer = Answer(result: "SYSTEMERROR", errCode: "SYSTEMERROR", errCodeDes: "系统错误")
        case .expired:
            trade.state = .payError
            answer = Answer(result: "FAIL", errCode: "AUTH_CODE_INVALID", errCodeDes: "101 付款码已过期")
        case .insufficientBalance:
            trade.state = .payError
            answer = Answer(result: "FAIL", errCode: "NOTENOUGH", errCodeDes: "余额不足")
        }
        self.trades[body.outTradeNo] = trade
        return answer
    }

    private func replay(_ trade: Trade) -> PaymentGatewayAPI.Answer {
        switch trade.state {
        case .success: PaymentGatewayAPI.Answer(result: "SUCCESS", transactionID: trade.transactionID, totalFee: trade.totalFee)
        case .userPaying: PaymentGatewayAPI.Answer(result: "USERPAYING", errCode: "USERPAYING", errCodeDes: "需要用户输入支付密码")
        case .payError: PaymentGatewayAPI.Answer(result: "FAIL", errCode: "TRADE_ERROR", errCodeDes: "交易失败")
        case .closed, .revoked, .refunded: PaymentGatewayAPI.Answer(result: "FAIL", errCode: "ORDERCLOSED", errCodeDes: "订单已关闭")
        }
    }

    /// `POST /v1/orderquery`.
    public func query(_ body: PaymentGatewayAPI.TradeBody) -> PaymentGatewayAPI.Answer {
        self.record("orderquery \(body.outTradeNo)")
        self.settle(body.outTradeNo)
        guard let trade = self.trades[body.outTradeNo] else {
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "ORDERNOTEXIST", errCodeDes: "此交易订单号不存在")
        }
        let state: String
        switch trade.state {
        case .userPaying: state = "USERPAYING"
        case .success: state = "SUCCESS"
        case .payError: state = "PAYERROR"
        case .closed: state = "CLOSED"
        case .revoked: state = "REVOKED"
        case .refunded: state = "REFUND"
        }
        return PaymentGatewayAPI.Answer(result: "SUCCESS", transactionID: trade.transactionID, totalFee: trade.totalFee, tradeState: state)
    }

    /// `POST /v1/reverse`.
    public func reverse(_ body: PaymentGatewayAPI.TradeBody) -> PaymentGatewayAPI.Answer {
        self.record("reverse \(body.outTradeNo)")
        self.settle(body.outTradeNo)
        guard var trade = self.trades[body.outTradeNo] else {
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "ORDERNOTEXIST", errCodeDes: "此交易订单号不存在", recall: "N")
        }
        switch trade.state {
        case .userPaying where trade.reverseRefusals > 0:
            trade.reverseRefusals -= 1
            self.trades[body.outTradeNo] = trade
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "USERPAYING", errCodeDes: "正在支付中不能发起撤销", recall: "Y")
        case .userPaying, .payError, .closed:
            trade.state = .revoked(refunded: false)
        case .success:
            trade.state = .revoked(refunded: true)
        case .revoked, .refunded:
            break
        }
        self.trades[body.outTradeNo] = trade
        let refunded = trade.state == .revoked(refunded: true) || trade.state == .refunded
        return PaymentGatewayAPI.Answer(result: "SUCCESS", recall: "N", action: refunded ? "refund" : "close")
    }

    /// `POST /v1/refund`.
    public func refund(_ body: PaymentGatewayAPI.RefundBody) -> PaymentGatewayAPI.Answer {
        self.record("refund \(body.outTradeNo) \(body.outRefundNo)")
        self.settle(body.outTradeNo)
        guard var trade = self.trades[body.outTradeNo] else {
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "ORDERNOTEXIST", errCodeDes: "此交易订单号不存在")
        }
        if let done = trade.refunds[body.outRefundNo] {
            // 同一退款单号多次请求只退一笔 (research C.3).
            return PaymentGatewayAPI.Answer(result: "SUCCESS", totalFee: done, refundID: "5000\(body.outRefundNo)")
        }
        guard trade.state == .success else {
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "TRADE_STATE_ERROR", errCodeDes: "订单状态错误")
        }
        let already = trade.refunds.values.reduce(0, +)
        guard body.refundFee > 0, already + body.refundFee <= trade.totalFee else {
            return PaymentGatewayAPI.Answer(result: "FAIL", errCode: "REFUND_FEE_INVALID", errCodeDes: "退款金额大于支付金额")
        }
        trade.refunds[body.outRefundNo] = body.refundFee
        if already + body.refundFee == trade.totalFee { trade.state = .refunded }
        self.trades[body.outTradeNo] = trade
        return PaymentGatewayAPI.Answer(result: "SUCCESS", totalFee: body.refundFee, refundID: "5000\(body.outRefundNo)")
    }
}
