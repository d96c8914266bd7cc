extension KioskSession {
    mutating func beginPayment(_ method: PaymentMethod, _ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        guard let transaction = visit.transaction, let service = visit.service else { return }
        var visit = visit
        visit.transaction?.method = method
        actions.append(
            .journal(
                JournalEntry(
                    sessionID: visit.id, transactionID: transaction.id,
                    event: .paymentStarted(method, amountDue: transaction.remaining))))
        actions.append(
            .startPayment(
                PaymentRequest(transactionID: transaction.id, method: method, amountDue: transaction.remaining, service: service.code)))
        self.state = .awaitingPayment(visit, PaymentProgress(method: method))
        switch method {
        case .cash:
            self.arm(self.configuration.timeouts.cashPayment, at: now)
            self.speak("insert-cash", LocalizedText(zh: "请投入纸币，本机不找零", en: "Please insert banknotes. No change is given."), &actions)
        case .paymentCode:
            self.arm(self.configuration.timeouts.codePayment, at: now)
            self.speak("show-payment-code", LocalizedText(zh: "请出示付款码", en: "Please show your payment code"), &actions)
        }
    }

    mutating func handlePayment(_ event: SessionEvent, _ actions: inout [SessionAction], at now: KioskTime) {
        guard case .awaitingPayment(var visit, var progress) = self.state, var transaction = visit.transaction else {
            self.handleStalePayment(event, &actions)
            return
        }
        switch event {
        case .noteEscrowed(let id, let value) where id == transaction.id && progress.method == .cash:
            if self.shouldStack(value, remaining: transaction.remaining) {
                actions.append(.stackEscrowedNote(id, value))
                progress.message = nil
            } else {
                actions.append(.returnEscrowedNote(id, value))
                progress.message = LocalizedText(
                    zh: "本机不找零，请投入不超过\(transaction.remaining)的纸币",
                    en: "No change is given. Please insert a note of at most \(transaction.remaining).")
            }
            self.state = .awaitingPayment(visit, progress)
        case .noteCredited(let id, let value) where id == transaction.id:
            transaction.amountPaid = transaction.amountPaid + value
            visit.transaction = transaction
            actions.append(
                .journal(
                    JournalEntry(
                        sessionID: visit.id, transactionID: id, event: .noteCredited(value, totalPaid: transaction.amountPaid))))
            if transaction.isPaid {
                self.completePayment(visit, &actions, at: now)
            } else {
                self.state = .awaitingPayment(visit, progress)
                self.arm(self.configuration.timeouts.cashPayment, at: now)
            }
        case .paymentCodePending(let id) where id == transaction.id:
            progress.isConfirmingOnPhone = true
            progress.message = nil
            self.state = .awaitingPayment(visit, progress)
        case .paymentCodeSucceeded(let id, let amount) where id == transaction.id:
            transaction.amountPaid = transaction.amountPaid + amount
            visit.transaction = transaction
            actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: id, event: .paymentCodePaid(amount))))
            if transaction.isPaid {
                self.completePayment(visit, &actions, at: now)
            } else {
                self.state = .awaitingPayment(visit, progress)
            }
        case .paymentCodeFailed(let id, let reason) where id == transaction.id:
            progress.isConfirmingOnPhone = false
            progress.message = LocalizedText(
                zh: "\(reason.zh)。请刷新付款码后重新出示", en: "\(reason.en). Refresh the payment code and show it again.")
            self.state = .awaitingPayment(visit, progress)
        case .paymentDeviceFailed(let id, let reason) where id == transaction.id:
            actions.append(.stopPayment(id))
            actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: id, event: .paymentAbandoned(paid: transaction.amountPaid))))
            if transaction.amountPaid.isZero {
                self.state = .preview(visit, notice: reason)
                self.arm(self.configuration.timeouts.preview, at: now)
            } else {
                self.issueVoucher(visit, reason: "payment device failed: \(reason.en)", &actions, at: now)
            }
        default:
            self.handleStalePayment(event, &actions)
        }
    }

    /// A payment event for a transaction that is not the one taking money: a note in escrow goes
    /// back; money credited anyway is journalled for an operator.
    private mutating func handleStalePayment(_ event: SessionEvent, _ actions: inout [SessionAction]) {
        switch event {
        case .noteEscrowed(let id, let value):
            actions.append(.returnEscrowedNote(id, value))
        case .noteCredited(let id, let value):
            actions.append(
                .journal(
                    JournalEntry(
                        sessionID: id.session, transactionID: id,
                        event: .needsAttention("\(value) credited after the transaction stopped taking money"))))
        case .paymentCodeSucceeded(let id, let value):
            actions.append(
                .journal(
                    JournalEntry(
                        sessionID: id.session, transactionID: id,
                        event: .needsAttention("payment code payment of \(value) succeeded after the transaction stopped taking money"))))
        default:
            break
        }
    }

    private func shouldStack(_ value: Money, remaining: Money) -> Bool {
        if value <= remaining { return true }
        switch self.configuration.overpayment {
        case .rejectOverpayingNotes: return false
        case .creditAsVoucher(let limit): return value - remaining <= limit
        }
    }

    private mutating func completePayment(_ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        guard let transaction = visit.transaction else { return }
        actions.append(.stopPayment(transaction.id))
        let credit = transaction.amountPaid - transaction.amountDue
        actions.append(
            .journal(
                JournalEntry(
                    sessionID: visit.id, transactionID: transaction.id,
                    event: .paymentCompleted(paid: transaction.amountPaid, credit: credit))))
        self.deliver(visit, &actions, at: now)
    }

    /// The citizen cancelled or walked away while paying.
    mutating func abandonPayment(
        _ visit: Visit, _ progress: PaymentProgress, _ actions: inout [SessionAction], at now: KioskTime, timedOut: Bool
    ) {
        guard let transaction = visit.transaction else { return }
        actions.append(.stopPayment(transaction.id))
        actions.append(
            .journal(JournalEntry(sessionID: visit.id, transactionID: transaction.id, event: .paymentAbandoned(paid: transaction.amountPaid))))
        if !transaction.amountPaid.isZero {
            self.issueVoucher(visit, reason: timedOut ? "payment timed out after partial payment" : "payment cancelled after partial payment", &actions, at: now)
        } else if timedOut {
            self.closeVisit(
                visit, outcome: .timedOut, transactionOutcome: .cancelled,
                farewell: .error(
                    title: LocalizedText(zh: "操作超时", en: "Timed out"),
                    message: LocalizedText(zh: "支付已取消，未收取任何费用", en: "Payment cancelled. Nothing was charged.")),
                &actions, at: now)
        } else {
            self.state = .preview(visit, notice: LocalizedText(zh: "支付已取消，未收取任何费用", en: "Payment cancelled. Nothing was charged."))
            self.arm(self.configuration.timeouts.preview, at: now)
        }
    }

    /// Money was taken but the service cannot be delivered in full: flag the transaction for an
    /// operator and print a voucher the citizen can claim with.
    mutating func issueVoucher(_ visit: Visit, reason: String, _ actions: inout [SessionAction], at now: KioskTime) {
        var visit = visit
        guard let id = visit.transaction?.id else { return }
        visit.transaction?.needsAttention = true
        actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: id, event: .needsAttention(reason))))
        self.startReceipt(
            .voucher, visit,
            notice: LocalizedText(
                zh: "您已支付的款项已记录。请凭此凭条到服务窗口办理退款或补办。",
                en: "Your payment is recorded. Bring this voucher to a service counter for a refund or to finish the service."),
            &actions, at: now)
    }
}
