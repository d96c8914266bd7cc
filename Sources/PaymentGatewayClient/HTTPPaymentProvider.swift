import AsyncHTTPClient
import CashModule
import Foundation
import KioskCore
import NIOCore
import NIOHTTP1

/// A ``PaymentProvider`` that talks to the bureau's payment gateway over HTTP(S) with the JSON
/// contract in ``PaymentGatewayAPI`` (AsyncHTTPClient). Every call has its own deadline; a call
/// that gets no answer in time, no connection, or an HTTP error is a ``PaymentProviderError``,
/// which the micropay machine treats as "outcome unknown: query, never pay again".
public struct HTTPPaymentProvider: PaymentProvider {
    /// The gateway's base URL (`https://pay.gateway.example/`).
    public let baseURL: URL
    /// The merchant key sent as a bearer token.
    public let merchantKey: String
    /// The kiosk, sent with each payment.
    public let terminalID: String
    /// How long one call may take (research C.5: 10–15 s).
    public let callTimeout: Duration
    private let client: HTTPClient

    /// Creates a client.
    /// - Parameters:
    ///   - client: the HTTP client (defaults to AsyncHTTPClient's shared one).
    public init(baseURL: URL, merchantKey: String, terminalID: String, callTimeout: Duration = .seconds(12), client: HTTPClient = .shared) {
        self.baseURL = baseURL
        self.merchantKey = merchantKey
        self.terminalID = terminalID
        self.callTimeout = callTimeout
        self.client = client
    }

    public func pay(_ request: MicropayRequest) async throws(PaymentProviderError) -> MicropayAnswer {
        let body = PaymentGatewayAPI.MicropayBody(
            outTradeNo: request.outTradeNumber, authCode: request.code.digits, totalFee: request.amount.fen, body: request.description,
            wallet: request.code.wallet.rawValue, terminalID: self.terminalID)
        let answer = try await self.post(PaymentGatewayAPI.micropayPath, body)
        switch answer.result {
        case "SUCCESS":
            return .paid(PaidTrade(providerTradeNumber: answer.transactionID ?? "", amount: Money(fen: answer.totalFee ?? request.amount.fen)))
        case "USERPAYING":
            return .userPaying
        case "SYSTEMERROR", "BANKERROR":
            return .unknown(answer.errCodeDes ?? answer.result)
        case "FAIL":
            return .failed(code: answer.errCode ?? "FAIL", message: answer.errCodeDes ?? "")
        default:
            throw .badAnswer("unknown result '\(answer.result)'")
        }
    }

    public func query(outTradeNumber: String) async throws(PaymentProviderError) -> TradeQueryAnswer {
        let answer = try await self.post(PaymentGatewayAPI.queryPath, PaymentGatewayAPI.TradeBody(outTradeNo: outTradeNumber))
        if answer.result == "FAIL", answer.errCode == "ORDERNOTEXIST" { return .notFound }
        guard answer.result == "SUCCESS", let state = answer.tradeState else {
            throw .badAnswer("query answered \(answer.result) \(answer.errCode ?? "")")
        }
        switch state {
        case "SUCCESS":
            return .paid(PaidTrade(providerTradeNumber: answer.transactionID ?? "", amount: Money(fen: answer.totalFee ?? 0)))
        case "USERPAYING", "NOTPAY", "ACCEPT":
            return .waiting(state)
        case "CLOSED", "REVOKED", "PAYERROR":
            return .closed(state)
        case "REFUND":
            return .refunded
        default:
            throw .badAnswer("unknown trade state '\(state)'")
        }
    }

    public func reverse(outTradeNumber: String) async throws(PaymentProviderError) -> ReverseAnswer {
        let answer = try await self.post(PaymentGatewayAPI.reversePath, PaymentGatewayAPI.TradeBody(outTradeNo: outTradeNumber))
        if answer.result == "SUCCESS" { return .reversed(refunded: answer.action == "refund") }
        if answer.errCode == "ORDERNOTEXIST" { return .reversed(refunded: false) }
        let detail = "\(answer.errCode ?? answer.result): \(answer.errCodeDes ?? "")"
        // WeChat: repeat while recall = Y ("是否需要继续调用撤销"); USERPAYING = still paying.
        if answer.recall == "Y" || answer.errCode == "USERPAYING" || answer.result == "SYSTEMERROR" { return .retryLater(detail) }
        return .failed(detail)
    }

    public func refund(_ request: RefundRequest) async throws(PaymentProviderError) -> RefundAnswer {
        let body = PaymentGatewayAPI.RefundBody(
            outTradeNo: request.outTradeNumber, outRefundNo: request.refundNumber, refundFee: request.amount.fen, totalFee: request.total.fen,
            reason: request.reason)
        let answer = try await self.post(PaymentGatewayAPI.refundPath, body)
        if answer.result == "SUCCESS" { return .accepted(providerRefundNumber: answer.refundID ?? "") }
        if answer.result == "SYSTEMERROR" { throw .badAnswer("refund answered SYSTEMERROR; retry with the same refund number") }
        return .failed(code: answer.errCode ?? answer.result, message: answer.errCodeDes ?? "")
    }

    /// Posts JSON and decodes the answer, mapping every transport problem to a typed error.
    private func post<Body: Encodable>(_ path: String, _ body: Body) async throws(PaymentProviderError) -> PaymentGatewayAPI.Answer {
        let url = self.baseURL.appendingPathComponent(String(path.dropFirst())).absoluteString
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(self.merchantKey)")
        do {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } catch {
            throw .badAnswer("cannot encode the request: \(error)")
        }
        let (seconds, attoseconds) = self.callTimeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let response: HTTPClientResponse
        let data: ByteBuffer
        do {
            response = try await self.client.execute(request, timeout: timeout)
            data = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout(self.callTimeout)
        } catch let error as HTTPClientError {
            throw .unreachable("\(error)")
        } catch {
            throw .unreachable("\(error)")
        }
        guard response.status == .ok else {
            if response.status.code >= 500 { throw .unreachable("HTTP \(response.status.code) from \(path)") }
            throw .badAnswer("HTTP \(response.status.code) from \(path)")
        }
        do {
            return try JSONDecoder().decode(PaymentGatewayAPI.Answer.self, from: Data(data.readableBytesView))
        } catch {
            throw .badAnswer("\(path) answered with something that is not the gateway's JSON: \(error)")
        }
    }
}
