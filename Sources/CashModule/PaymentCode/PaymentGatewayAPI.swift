/// The JSON contract between the kiosk and the payment gateway that fronts WeChat Pay and
/// Alipay for the bureau: one POST per operation under `/v1/`, fields named after WeChat Pay's
/// v2 micropay API (research C.3) so the gateway maps them one-to-one, amounts in fen. The
/// client (`PaymentGatewayClient`) and the reference gateway (`PaymentGatewaySimulator`) share
/// these types.
public enum PaymentGatewayAPI {
    /// `POST /v1/micropay`.
    public static let micropayPath = "/v1/micropay"
    /// `POST /v1/orderquery`.
    public static let queryPath = "/v1/orderquery"
    /// `POST /v1/reverse`.
    public static let reversePath = "/v1/reverse"
    /// `POST /v1/refund`.
    public static let refundPath = "/v1/refund"

    /// A pay request.
    public struct MicropayBody: Codable, Hashable, Sendable {
        /// The kiosk's trade number.
        public var outTradeNo: String
        /// The scanned payment code.
        public var authCode: String
        /// The amount in fen.
        public var totalFee: Int64
        /// What is paid for.
        public var body: String
        /// `wechat` or `alipay`.
        public var wallet: String
        /// The kiosk.
        public var terminalID: String?

        /// Creates the value.
        public init(outTradeNo: String, authCode: String, totalFee: Int64, body: String, wallet: String, terminalID: String?) {
            self.outTradeNo = outTradeNo
            self.authCode = authCode
            self.totalFee = totalFee
            self.body = body
            self.wallet = wallet
            self.terminalID = terminalID
        }

        enum CodingKeys: String, CodingKey {
            case outTradeNo = "out_trade_no", authCode = "auth_code", totalFee = "total_fee", body, wallet, terminalID = "terminal_id"
        }
    }

    /// A request naming a trade (query, reverse).
    public struct TradeBody: Codable, Hashable, Sendable {
        /// The kiosk's trade number.
        public var outTradeNo: String
        /// Creates the value.
        public init(outTradeNo: String) { self.outTradeNo = outTradeNo }
        enum CodingKeys: String, CodingKey { case outTradeNo = "out_trade_no" }
    }

    /// A refund request.
    public struct RefundBody: Codable, Hashable, Sendable {
        /// The kiosk's trade number.
        public var outTradeNo: String
        /// The refund's number (idempotent).
        public var outRefundNo: String
        /// The amount to refund in fen.
        public var refundFee: Int64
        /// The amount in fen.
        public var totalFee: Int64
        /// Why.
        public var reason: String

        /// Creates the value.
        public init(outTradeNo: String, outRefundNo: String, refundFee: Int64, totalFee: Int64, reason: String) {
            self.outTradeNo = outTradeNo
            self.outRefundNo = outRefundNo
            self.refundFee = refundFee
            self.totalFee = totalFee
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case outTradeNo = "out_trade_no", outRefundNo = "out_refund_no", refundFee = "refund_fee", totalFee = "total_fee", reason
        }
    }

    /// Every answer: `result` is `SUCCESS`, `USERPAYING`, `SYSTEMERROR` or `FAIL` (with `err_code`);
    /// a query adds `trade_state`, a reverse `recall` and `action`, a refund `refund_id`.
    public struct Answer: Codable, Hashable, Sendable {
        /// `SUCCESS`, `USERPAYING`, `SYSTEMERROR` or `FAIL`.
        public var result: String
        /// The error code of a `FAIL` (`AUTH_CODE_INVALID`, `ORDERNOTEXIST`…).
        public var errCode: String?
        /// The error text.
        public var errCodeDes: String?
        /// The provider's trade number.
        public var transactionID: String?
        /// The amount paid in fen.
        public var totalFee: Int64?
        /// A query's trade state (`SUCCESS`, `USERPAYING`, `NOTPAY`, `CLOSED`, `REVOKED`, `PAYERROR`, `REFUND`).
        public var tradeState: String?
        /// A reverse's "call again" flag (`Y`/`N`).
        public var recall: String?
        /// What a reverse did (`close` or `refund`).
        public var action: String?
        /// The provider's refund number.
        public var refundID: String?

        /// Creates the value.
        public init(
            result: String, errCode: String? = nil, errCodeDes: String? = nil, transactionID: String? = nil, totalFee: Int64? = nil,
            tradeState: String? = nil, recall: String? = nil, action: String? = nil, refundID: String? = nil
        ) {
            self.result = result
            self.errCode = errCode
            self.errCodeDes = errCodeDes
            self.transactionID = transactionID
            self.totalFee = totalFee
            self.tradeState = tradeState
            self.recall = recall
            self.action = action
            self.refundID = refundID
        }

        enum CodingKeys: String, CodingKey {
            case result, errCode = "err_code", errCodeDes = "err_code_des", transactionID = "transaction_id", totalFee = "total_fee"
            case tradeState = "trade_state", recall, action, refundID = "refund_id"
        }
    }
}
