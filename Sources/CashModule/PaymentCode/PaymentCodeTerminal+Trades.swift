import Foundation
import KioskCore

extension PaymentCodeTerminal {
    /// Runs one trade's machine to its end.
    func drive(_ number: String, reportTo transactionID: TransactionID, isResumed: Bool = false) async {
        while var machine = self.trades[number] {
            let step = machine.nextStep(at: self.uptime)
            self.trades[number] = machine
            var notices: [MicropayMachine.Notice] = []
            switch step {
            case .pay(let request):
                let result: Result<MicropayAnswer, PaymentProviderError>
                do { result = .success(try await self.provider.pay(request)) } catch { result = .failure(error) }
                self.log("pay", number, result)
                notices = self.trades[number]?.payAnswered(result, at: self.uptime) ?? []
            case .query(let id):
                let result: Result<TradeQueryAnswer, PaymentProviderError>
                do { result = .success(try await self.provider.query(outTradeNumber: id)) } catch { result = .failure(error) }
                self.log("query", number, result)
                notices = self.trades[number]?.queryAnswered(result, at: self.uptime) ?? []
            case .reverse(let id):
                let result: Result<ReverseAnswer, PaymentProviderError>
                do { result = .success(try await self.provider.reverse(outTradeNumber: id)) } catch { result = .failure(error) }
                self.log("reverse", number, result)
                notices = self.trades[number]?.reverseAnswered(result, at: self.uptime) ?? []
            case .wait(let until):
                let pause = min(until - self.uptime, .milliseconds(50))
                if pause > .zero { try? await Task.sleep(for: pause) }
            case .finished(let state):
                self.finish(number, transactionID, state, isResumed: isResumed)
                return
            }
            self.handle(notices, number, transactionID, isResumed: isResumed)
        }
    }

    private func log<T>(_ call: String, _ number: String, _ result: Result<T, PaymentProviderError>) {
        self.logger.info("payment provider", metadata: ["call": "\(call)", "trade": "\(number)", "answer": "\(result)"])
    }

    private func handle(_ notices: [MicropayMachine.Notice], _ number: String, _ transactionID: TransactionID, isResumed: Bool) {
        for notice in notices {
            switch notice {
            case .userPaying:
                if !isResumed { self.continuation.yield(.paymentCodePending(transactionID)) }
            case .stateChanged(let state):
                var provider: String?
                var detail: String?
                switch state {
                case .paid(let trade): provider = trade.providerTradeNumber
                case .failed(let code, let message): detail = "\(code): \(message)"
                case .reversed(let refunded): detail = refunded ? "reversed and refunded" : "reversed (closed unpaid)"
                case .manualReview(let reason): detail = reason
                default: break
                }
                do {
                    try self.ledger.update(number, state: isResumed && state.name == "paid" ? "paid-late" : state.name, providerTradeNumber: provider, detail: detail)
                } catch {
                    self.logger.critical("payment-code ledger update failed", metadata: ["trade": "\(number)", "error": "\(error)"])
                }
            }
        }
    }

    private func finish(_ number: String, _ transactionID: TransactionID, _ state: MicropayMachine.State, isResumed: Bool) {
        self.trades[number] = nil
        self.tradeTransactions[number] = nil
        if self.inFlight[transactionID] == number { self.inFlight[transactionID] = nil }
        let amount = (try? self.ledger.record(number))?.amount ?? .zero
        switch state {
        case .paid(let trade):
            if isResumed {
                let reason = "payment-code trade \(number) was paid, but the kiosk restarted before it could deliver the service"
                self.continuation.yield(.needsAttention(CashAttention(transactionID: transactionID, credited: trade.amount, uncertain: .zero, reason: reason)))
            } else {
                self.continuation.yield(.paymentCodeSucceeded(transactionID, trade.amount))
            }
        case .failed(let code, _):
            if !isResumed { self.continuation.yield(.paymentCodeFailed(transactionID, Self.failureText(code))) }
        case .reversed(let refunded):
            if !isResumed {
                self.continuation.yield(
                    .paymentCodeFailed(
                        transactionID,
                        refunded
                            ? LocalizedText(zh: "支付超时，款项已退回", en: "The payment timed out and the money was returned")
                            : LocalizedText(zh: "支付超时，已撤销", en: "The payment timed out and was cancelled")))
            }
        case .manualReview(let reason):
            self.continuation.yield(
                .needsAttention(CashAttention(transactionID: transactionID, credited: .zero, uncertain: amount, reason: "payment-code trade \(number): \(reason)")))
            if !isResumed {
                self.continuation.yield(
                    .paymentCodeFailed(transactionID, LocalizedText(zh: "支付结果未确认，请到服务窗口核实", en: "The payment could not be confirmed; please ask at a service counter")))
            }
        case .paying, .confirming, .polling, .cancelling:
            break
        }
    }

    /// The citizen's words for a provider's definite failure.
    static func failureText(_ code: String) -> LocalizedText {
        switch code {
        case "AUTH_CODE_INVALID", "AUTHCODEEXPIRE", "AUTH_CODE_EXPIRED":
            LocalizedText(zh: "付款码已过期", en: "The payment code expired")
        case "NOTENOUGH", "BUYER_BALANCE_NOT_ENOUGH":
            LocalizedText(zh: "余额不足", en: "Insufficient balance")
        case "OUT_TRADE_NO_USED":
            LocalizedText(zh: "订单号重复", en: "Duplicate order")
        default:
            LocalizedText(zh: "支付未成功", en: "The payment did not go through")
        }
    }

    // MARK: Restart and refunds

    /// Re-queries every trade a previous run left unfinished, before new payments are taken
    /// (research C.5 rule 9): a paid one becomes money for an operator, an unpaid one is reversed.
    /// Returns when all of them reached an end.
    public func resumeUnfinished() async throws {
        let unfinished = try self.ledger.unfinished()
        await withTaskGroup(of: Void.self) { group in
            for record in unfinished {
                self.trades[record.outTradeNumber] = MicropayMachine(resuming: record.outTradeNumber, wallet: record.wallet, timing: self.timing, at: self.uptime)
                group.addTask { await self.drive(record.outTradeNumber, reportTo: record.transactionID, isResumed: true) }
            }
        }
    }

    /// Refunds (part of) a paid trade: an operator's decision, never automatic. The refund number
    /// is `<out_trade_no>R<n>`; a retry of the same refund reuses it (idempotent at the provider).
    public func refund(outTradeNumber: String, amount: Money, reason: String, retryOf refundNumber: String? = nil) async throws -> RefundAnswer {
        guard let record = try self.ledger.record(outTradeNumber), record.state == "paid" || record.state == "paid-late" else {
            throw PaymentProviderError.badAnswer("trade \(outTradeNumber) is not paid; nothing to refund")
        }
        let number = try refundNumber ?? "\(outTradeNumber)R\(self.ledger.refundCount(outTradeNumber) + 1)"
        let request = RefundRequest(outTradeNumber: outTradeNumber, refundNumber: number, amount: amount, total: record.amount, reason: reason)
        try self.ledger.insertRefund(request)
        let answer = try await self.provider.refund(request)
        switch answer {
        case .accepted(let id): try self.ledger.updateRefund(number, state: "accepted", detail: id)
        case .failed(let code, let message): try self.ledger.updateRefund(number, state: "failed", detail: "\(code): \(message)")
        }
        return answer
    }
}
