extension KioskSession {
    /// Hands the paid (or free) service over: a proof prints, a payment gets its receipt.
    mutating func deliver(_ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        switch visit.service?.kind {
        case .proof: self.startCertificate(visit, &actions, at: now)
        case .lookup: self.startReceipt(.slip, visit, notice: nil, &actions, at: now)
        case .payment, nil: self.startReceipt(.receipt, visit, notice: nil, &actions, at: now)
        }
    }

    mutating func startCertificate(_ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        guard let transaction = visit.transaction, let service = visit.service, let template = service.document,
            let records = visit.records
        else { return }
        actions.append(
            .printCertificate(
                CertificateJob(
                    transactionID: transaction.id, service: service.code, template: template, identity: visit.identity,
                    records: records)))
        self.state = .printing(visit, .certificate(completed: 0, total: 0))
        self.arm(self.configuration.timeouts.printing, at: now)
        self.speak("printing", LocalizedText(zh: "正在打印，请稍候", en: "Printing, please wait"), &actions)
    }

    mutating func startReceipt(
        _ kind: ReceiptJob.Kind, _ visit: Visit, notice: LocalizedText?, _ actions: inout [SessionAction], at now: KioskTime
    ) {
        guard let transaction = visit.transaction, let service = visit.service else { return }
        let job = ReceiptJob(
            transactionID: transaction.id, kind: kind, serviceName: service.name, citizen: visit.identity.masked,
            rows: ReceiptRows.rows(for: visit, kind: kind), amountDue: transaction.amountDue, amountPaid: transaction.amountPaid,
            paymentMethod: transaction.amountPaid.isZero ? nil : transaction.method, notice: notice)
        actions.append(.printReceipt(job))
        self.state = .printing(visit, .receipt(kind))
        self.arm(self.configuration.timeouts.printing, at: now)
    }

    mutating func handlePrinting(_ event: SessionEvent, _ actions: inout [SessionAction], at now: KioskTime) {
        guard case .printing(var visit, let step) = self.state, let transaction = visit.transaction else { return }
        switch (event, step) {
        case (.printProgress(let id, let completed, let total), .certificate) where id == transaction.id:
            self.state = .printing(visit, .certificate(completed: completed, total: total))
        case (.certificatePrinted(let id), .certificate) where id == transaction.id:
            visit.transaction?.isCertificatePrinted = true
            actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: id, event: .certificatePrinted)))
            if visit.service?.printsReceipt == true || !transaction.amountPaid.isZero {
                self.startReceipt(.receipt, visit, notice: nil, &actions, at: now)
            } else {
                self.closeVisit(
                    visit, outcome: .completed, transactionOutcome: .completed,
                    farewell: .collect(title: Self.collectTitle, message: Self.takeDocumentAndCard), &actions, at: now)
            }
        case (.certificatePrintFailed(let id, let failure), .certificate) where id == transaction.id:
            self.certificateFailed(visit, failure, &actions, at: now)
        case (.receiptPrinted(let id), .receipt(let kind)) where id == transaction.id:
            actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: id, event: .receiptPrinted(kind))))
            let message: LocalizedText
            switch kind {
            case .voucher:
                message = LocalizedText(
                    zh: "请取走凭条和身份证，并到服务窗口办理", en: "Take your voucher and your ID card to a service counter.")
            case .receipt where transaction.isCertificatePrinted || visit.transaction?.isCertificatePrinted == true:
                message = LocalizedText(zh: "请取走证明、凭条和身份证", en: "Take your document, your receipt and your ID card")
            case .receipt, .slip:
                message = LocalizedText(zh: "请取走凭条和身份证", en: "Take your receipt and your ID card")
            }
            let failed = visit.transaction?.needsAttention == true
            self.closeVisit(
                visit, outcome: failed ? .failed : .completed, transactionOutcome: .completed,
                farewell: .collect(title: Self.collectTitle, message: message), &actions, at: now)
        case (.receiptPrintFailed(let id, let failure), .receipt(let kind)) where id == transaction.id:
            self.receiptFailed(visit, kind, failure, &actions, at: now)
        default:
            break
        }
    }

    mutating func certificateFailed(_ visit: Visit, _ failure: PrintFailure, _ actions: inout [SessionAction], at now: KioskTime) {
        guard let transaction = visit.transaction else { return }
        actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: transaction.id, event: .certificateFailed(failure.detail))))
        if !transaction.amountPaid.isZero {
            self.issueVoucher(visit, reason: "proof not printed after payment: \(failure.detail)", &actions, at: now)
            return
        }
        let partial = failure.mayHavePrintedPartially
        self.closeVisit(
            visit, outcome: .failed, transactionOutcome: .failed,
            farewell: .error(
                title: LocalizedText(zh: "打印失败", en: "Printing failed"),
                message: partial
                    ? LocalizedText(
                        zh: "证明未能完整打印，请将已打印部分交给工作人员", en: "The document did not print completely. Please hand any pages to staff.")
                    : LocalizedText(zh: "证明未能打印，请稍后再试或到窗口办理", en: "The document could not be printed. Please try later or ask at a counter.")),
            &actions, at: now)
    }

    mutating func receiptFailed(
        _ visit: Visit, _ kind: ReceiptJob.Kind, _ failure: PrintFailure, _ actions: inout [SessionAction], at now: KioskTime
    ) {
        guard let transaction = visit.transaction else { return }
        var visit = visit
        actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: transaction.id, event: .receiptFailed(failure.detail))))
        if !transaction.amountPaid.isZero, kind != .slip {
            if !transaction.needsAttention {
                visit.transaction?.needsAttention = true
                actions.append(
                    .journal(
                        JournalEntry(
                            sessionID: visit.id, transactionID: transaction.id,
                            event: .needsAttention("paid, receipt not printed: \(failure.detail)"))))
            }
            self.closeVisit(
                visit, outcome: transaction.isCertificatePrinted || kind == .receipt ? .completed : .failed,
                transactionOutcome: .completed,
                farewell: .collect(
                    title: LocalizedText(zh: "凭条未能打印", en: "Receipt not printed"),
                    message: LocalizedText(
                        zh: "您的支付已记录，交易号 \(transaction.id)。请记下交易号，到服务窗口补打凭条。",
                        en: "Your payment is recorded under transaction \(transaction.id). Note this number and ask at a counter for a receipt.")),
                &actions, at: now)
        } else if transaction.isCertificatePrinted {
            self.closeVisit(
                visit, outcome: .completed, transactionOutcome: .completed,
                farewell: .collect(title: Self.collectTitle, message: Self.takeDocumentAndCard), &actions, at: now)
        } else {
            self.closeVisit(
                visit, outcome: .failed, transactionOutcome: .failed,
                farewell: .error(
                    title: LocalizedText(zh: "打印失败", en: "Printing failed"),
                    message: LocalizedText(zh: "凭条未能打印，请稍后再试", en: "The slip could not be printed. Please try again later.")),
                &actions, at: now)
        }
    }

    static let collectTitle = LocalizedText(zh: "办理完成", en: "Done")
    static let takeDocumentAndCard = LocalizedText(zh: "请取走证明和身份证", en: "Take your document and your ID card")
}
