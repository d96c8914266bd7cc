extension KioskSession {
    /// The current step's deadline passed.
    mutating func timeout(_ actions: inout [SessionAction], at now: KioskTime) {
        switch self.state {
        case .idle, .outOfService:
            break
        case .readingCard:
            self.enterRestingState(&actions)
        case .cardRejected, .collect, .error:
            self.leaveFarewell(&actions)
        case .serviceMenu(let visit), .preview(let visit, _):
            self.closeVisit(visit, outcome: .timedOut, transactionOutcome: .cancelled, farewell: .none, &actions, at: now)
        case .fetchingRecords(let visit):
            self.recordsFailed(
                visit, .sourceUnavailable("no answer within \(self.configuration.timeouts.fetchingRecords)"), &actions, at: now)
        case .awaitingPayment(let visit, let progress):
            self.abandonPayment(visit, progress, &actions, at: now, timedOut: true)
        case .printing(let visit, .certificate(let completed, let total)):
            guard let transaction = visit.transaction else { return }
            actions.append(.cancelCertificate(transaction.id))
            self.certificateFailed(
                visit,
                PrintFailure(
                    detail: "no result from the printer within \(self.configuration.timeouts.printing) (page \(completed) of \(total))",
                    mayHavePrintedPartially: true),
                &actions, at: now)
        case .printing(let visit, .receipt(let kind)):
            self.receiptFailed(
                visit, kind,
                PrintFailure(detail: "no result from the receipt printer within \(self.configuration.timeouts.printing)", mayHavePrintedPartially: true),
                &actions, at: now)
        }
    }
}
