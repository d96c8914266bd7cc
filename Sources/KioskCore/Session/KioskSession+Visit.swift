extension KioskSession {
    // MARK: Card

    mutating func handleCard(_ event: SessionEvent, _ actions: inout [SessionAction], at now: KioskTime) {
        switch (self.state, event) {
        case (.idle, .cardPresented):
            self.state = .readingCard
            self.arm(self.configuration.timeouts.readingCard, at: now)
        case (.idle, .cardRead(let reading)), (.readingCard, .cardRead(let reading)),
            (.collect, .cardRead(let reading)), (.cardRejected, .cardRead(let reading)),
            (.error, .cardRead(let reading)):
            self.beginVisit(reading, &actions, at: now)
        case (.idle, .cardReadFailed(let rejection)), (.readingCard, .cardReadFailed(let rejection)),
            (.collect, .cardReadFailed(let rejection)), (.cardRejected, .cardReadFailed(let rejection)):
            self.reject(rejection, &actions, at: now)
        default:
            // Out of service, or a visit in progress: a card on the reader changes nothing.
            break
        }
    }

    private mutating func beginVisit(_ reading: CardReading, _ actions: inout [SessionAction], at now: KioskTime) {
        do {
            try reading.identity.validate(on: now.today)
        } catch {
            self.reject(error, &actions, at: now)
            return
        }
        let visit = Visit(id: self.allocateSessionID(), identity: reading.identity, citizenKey: reading.citizenKey)
        actions.append(.journal(JournalEntry(sessionID: visit.id, event: .sessionStarted(reading.identity.masked, reading.citizenKey))))
        if self.configuration.isOneSwipe, let code = self.configuration.catalogue.oneSwipeDefault,
            let service = self.availableServices.first(where: { $0.code == code })
        {
            self.select(service, for: visit, &actions, at: now)
        } else {
            self.showMenu(visit, &actions, at: now)
        }
    }

    private mutating func reject(_ rejection: CardRejection, _ actions: inout [SessionAction], at now: KioskTime) {
        let id = self.allocateSessionID()
        actions.append(.journal(JournalEntry(sessionID: id, event: .cardRejected(rejection.description))))
        actions.append(.journal(JournalEntry(sessionID: id, event: .sessionEnded(.rejected))))
        actions.append(.endSession(id))
        self.state = .cardRejected(id, rejection)
        self.arm(self.configuration.timeouts.cardRejected, at: now)
        self.speak("card-rejected", rejection.reason, &actions)
    }

    // MARK: Menu and records

    mutating func showMenu(_ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        var visit = visit
        visit.service = nil
        visit.records = nil
        self.state = .serviceMenu(visit)
        self.arm(self.configuration.timeouts.serviceMenu, at: now)
        self.speak("choose-service", LocalizedText(zh: "请选择要办理的业务", en: "Please choose a service"), &actions)
    }

    mutating func select(_ service: Service, for visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        var visit = visit
        visit.service = service
        visit.records = nil
        actions.append(.journal(JournalEntry(sessionID: visit.id, event: .serviceSelected(service.code))))
        actions.append(
            .fetchRecords(
                RecordsRequest(sessionID: visit.id, service: service.code, source: service.records, identity: visit.identity)))
        self.state = .fetchingRecords(visit)
        self.arm(self.configuration.timeouts.fetchingRecords, at: now)
    }

    mutating func handleRecords(_ event: SessionEvent, _ actions: inout [SessionAction], at now: KioskTime) {
        guard case .fetchingRecords(var visit) = self.state, let service = visit.service else { return }
        switch event {
        case .recordsFetched(let id, let records) where id == visit.id:
            guard records.source == service.records else {
                self.recordsFailed(visit, .malformedAnswer("expected \(service.records) records, got \(records.source)"), &actions, at: now)
                return
            }
            actions.append(.journal(JournalEntry(sessionID: visit.id, event: .recordsFetched(records.source, count: records.count))))
            visit.records = records
            self.state = .preview(visit, notice: nil)
            self.arm(self.configuration.timeouts.preview, at: now)
            self.speak("check-preview", LocalizedText(zh: "请核对信息", en: "Please check the details"), &actions)
        case .recordsUnavailable(let id, let failure) where id == visit.id:
            self.recordsFailed(visit, failure, &actions, at: now)
        default:
            break
        }
    }

    mutating func recordsFailed(_ visit: Visit, _ failure: RecordsFailure, _ actions: inout [SessionAction], at now: KioskTime) {
        let source = visit.service?.records ?? .socialInsurance
        actions.append(.journal(JournalEntry(sessionID: visit.id, event: .recordsUnavailable(source, failure.description))))
        let message: LocalizedText
        switch failure {
        case .notFound:
            message = LocalizedText(
                zh: "未查询到您的\(source.department.zh)记录，请到窗口咨询",
                en: "No records were found at the \(source.department.en). Please ask at a service counter.")
        case .sourceUnavailable, .malformedAnswer:
            message = LocalizedText(
                zh: "暂时无法连接\(source.department.zh)，请稍后再试",
                en: "The \(source.department.en) cannot be reached right now. Please try again later.")
        }
        self.closeVisit(
            visit, outcome: .failed, transactionOutcome: nil,
            farewell: .error(title: LocalizedText(zh: "查询失败", en: "Lookup failed"), message: message), &actions, at: now)
    }

    // MARK: Choices

    mutating func handleChoice(_ choice: ChoiceID, _ actions: inout [SessionAction], at now: KioskTime) {
        switch self.state {
        case .serviceMenu(let visit):
            if choice == .cancel {
                self.closeVisit(visit, outcome: .cancelled, transactionOutcome: nil, farewell: .none, &actions, at: now)
            } else if let code = choice.serviceCode, let service = self.availableServices.first(where: { $0.code == code }) {
                self.select(service, for: visit, &actions, at: now)
            }
        case .fetchingRecords(let visit):
            if choice == .cancel {
                self.closeVisit(visit, outcome: .cancelled, transactionOutcome: nil, farewell: .none, &actions, at: now)
            }
        case .preview(let visit, _):
            self.handlePreviewChoice(choice, visit, &actions, at: now)
        case .awaitingPayment(let visit, let progress):
            if choice == .cancel { self.abandonPayment(visit, progress, &actions, at: now, timedOut: false) }
        case .cardRejected, .collect, .error:
            if choice == .finish || choice == .cancel { self.leaveFarewell(&actions) }
        case .idle, .outOfService, .readingCard, .printing:
            break
        }
    }

    private mutating func handlePreviewChoice(_ choice: ChoiceID, _ visit: Visit, _ actions: inout [SessionAction], at now: KioskTime) {
        guard let service = visit.service else { return }
        let offered = self.previewChoices(for: visit).map(\.id)
        guard offered.contains(choice) else { return }
        switch choice {
        case .print:
            var visit = visit
            self.openTransaction(&visit, &actions)
            self.startCertificate(visit, &actions, at: now)
        case .printSlip:
            var visit = visit
            self.openTransaction(&visit, &actions)
            self.startReceipt(.slip, visit, notice: nil, &actions, at: now)
        case .payCash, .payCode:
            var visit = visit
            self.openTransaction(&visit, &actions)
            self.beginPayment(choice == .payCash ? .cash : .paymentCode, visit, &actions, at: now)
        case .otherServices:
            self.showMenu(visit, &actions, at: now)
        case .finish:
            self.closeVisit(visit, outcome: .completed, transactionOutcome: nil, farewell: .none, &actions, at: now)
        case .cancel:
            self.closeVisit(visit, outcome: .cancelled, transactionOutcome: nil, farewell: .none, &actions, at: now)
        default:
            _ = service
        }
    }

    /// Opens the visit's transaction if it has none yet.
    mutating func openTransaction(_ visit: inout Visit, _ actions: inout [SessionAction]) {
        guard visit.transaction == nil, let service = visit.service else { return }
        let transaction = Transaction(id: TransactionID(session: visit.id), amountDue: visit.amountDue)
        visit.transaction = transaction
        actions.append(
            .journal(
                JournalEntry(
                    sessionID: visit.id, transactionID: transaction.id,
                    event: .transactionOpened(service.code, amountDue: transaction.amountDue))))
    }

    // MARK: Ending a visit

    /// Where a visit goes when it ends.
    enum FarewellKind {
        /// Straight back to idle.
        case none
        /// "Take your document" screen.
        case collect(title: LocalizedText, message: LocalizedText)
        /// An error message, then idle.
        case error(title: LocalizedText, message: LocalizedText)
    }

    /// Ends a visit: journals the outcome, tells the owner to drop the citizen's data, and leaves
    /// the machine holding none of it.
    mutating func closeVisit(
        _ visit: Visit, outcome: SessionOutcome, transactionOutcome: TransactionOutcome?, farewell: FarewellKind,
        _ actions: inout [SessionAction], at now: KioskTime
    ) {
        if let transaction = visit.transaction {
            let closing = transaction.needsAttention ? .needsAttention : (transactionOutcome ?? .cancelled)
            actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: transaction.id, event: .transactionClosed(closing))))
        }
        actions.append(.journal(JournalEntry(sessionID: visit.id, transactionID: visit.transaction?.id, event: .sessionEnded(outcome))))
        actions.append(.endSession(visit.id))
        switch farewell {
        case .none:
            self.language = .zh
            self.enterRestingState(&actions)
        case .collect(let title, let message):
            self.state = .collect(
                Farewell(sessionID: visit.id, transactionID: visit.transaction?.id, title: title, message: message, outcome: outcome))
            self.arm(self.configuration.timeouts.collect, at: now)
            self.speak("collect", message, &actions)
        case .error(let title, let message):
            self.state = .error(
                Farewell(sessionID: visit.id, transactionID: visit.transaction?.id, title: title, message: message, outcome: outcome))
            self.arm(self.configuration.timeouts.error, at: now)
            self.speak("error", message, &actions)
        }
    }

    /// Leaves a collect, error or rejection screen for idle; the next citizen starts in Chinese.
    mutating func leaveFarewell(_ actions: inout [SessionAction]) {
        self.language = .zh
        self.enterRestingState(&actions)
    }

    mutating func speak(_ key: String, _ text: LocalizedText, _ actions: inout [SessionAction]) {
        actions.append(.speak(Prompt(key: key, text: text, language: self.language)))
    }
}
