import KioskCore
import KioskTestSupport
import Testing

/// Scripted walks through the session with a fake clock: event in, actions out.
@Suite("Kiosk session flows")
struct SessionFlowTests {
    func reading(_ key: String) throws -> CardReading {
        CardReading(identity: try Fixtures.citizen(key).identity, citizenKey: CitizenKey(hex: "key-\(key)"))
    }

    func records(_ key: String, _ source: RecordsSource) throws -> CitizenRecords {
        try #require(try Fixtures.recordBook(for: key).records(from: source))
    }

    @Test func oneSwipeProofGoesFromCardToPrintedDocumentAndBackToIdle() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        #expect(kiosk.screen.kind == .idle)
        #expect(kiosk.screen.title.zh == "请将身份证放在感应区")

        kiosk.send(.cardPresented)
        #expect(kiosk.screen.kind == .reading)
        let afterRead = kiosk.send(.cardRead(try reading("alpha")))
        let request = try #require(afterRead.recordsRequest)
        #expect(request.source == .socialInsurance)
        #expect(request.service == "social-insurance-proof")
        #expect(afterRead.journalEvents.first == .sessionStarted(try Fixtures.citizen("alpha").identity.masked, CitizenKey(hex: "key-alpha")))
        #expect(kiosk.screen.kind == .fetching)

        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .socialInsurance)))
        #expect(kiosk.screen.kind == .preview)
        #expect(kiosk.screen.choices.first?.id == .print)
        #expect(kiosk.screen.choices.first?.key == "1")
        #expect(kiosk.screen.lines.contains { $0.text.zh == "330203********3518" })

        let printing = kiosk.send(.choiceSelected(.print))
        guard case .printCertificate(let job)? = printing.first(where: { if case .printCertificate = $0 { true } else { false } }) else {
            Issue.record("no print action")
            return
        }
        #expect(job.template == .socialInsuranceContribution)
        #expect(kiosk.screen.kind == .printing)
        #expect(kiosk.screen.countdown == nil)
        kiosk.send(.printProgress(job.transactionID, completed: 1, total: 2))
        #expect(kiosk.screen.progress?.fraction == 0.5)

        let done = kiosk.send(.certificatePrinted(job.transactionID))
        #expect(kiosk.screen.kind == .collect)
        #expect(kiosk.screen.lines.first?.text.zh == "请取走证明和身份证")
        #expect(done.contains(.endSession(request.sessionID)))
        #expect(done.journalEvents.contains(.transactionClosed(.completed)))
        #expect(done.journalEvents.contains(.sessionEnded(.completed)))
        #expect(!kiosk.session.holdsPersonalData)

        kiosk.advance(by: .seconds(19))
        #expect(kiosk.screen.kind == .collect)
        #expect(kiosk.screen.countdown == 1)
        kiosk.advance(by: .seconds(1))
        #expect(kiosk.state == .idle)
    }

    @Test func menuModePaysTrafficFinesInCashWithAnOverpaymentVoucher() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("alpha")))
        #expect(kiosk.screen.kind == .serviceMenu)
        #expect(kiosk.screen.choices.count == 7)  // six services and exit
        #expect(kiosk.screen.choices.last?.key == "0")

        let fetch = kiosk.send(.choiceSelected(.service("traffic-fine-payment")))
        let request = try #require(fetch.recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .trafficViolations)))
        #expect(kiosk.screen.choices.map(\.id) == [.payCash, .payCode, .otherServices, .cancel])
        #expect(kiosk.screen.lines.contains { $0.style == .amount && $0.text.zh == "¥350.00" })

        let start = kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        #expect(start.contains(.startPayment(PaymentRequest(transactionID: transaction, method: .cash, amountDue: .yuan(350), service: "traffic-fine-payment"))))
        #expect(kiosk.screen.kind == .payment)

        for _ in 0..<3 {
            #expect(kiosk.send(.noteEscrowed(transaction, .yuan(100))).contains(.stackEscrowedNote(transaction, .yuan(100))))
            kiosk.send(.noteCredited(transaction, .yuan(100)))
        }
        #expect(kiosk.screen.lines.contains { $0.text.zh == "¥50.00" && $0.label?.en == "Still due" })
        // ¥100 against ¥50 due: within the ¥100 voucher limit, so it is stacked.
        #expect(kiosk.send(.noteEscrowed(transaction, .yuan(100))).contains(.stackEscrowedNote(transaction, .yuan(100))))
        let paid = kiosk.send(.noteCredited(transaction, .yuan(100)))
        #expect(paid.contains(.stopPayment(transaction)))
        #expect(paid.journalEvents.contains(.paymentCompleted(paid: .yuan(400), credit: .yuan(50))))
        guard case .printReceipt(let receipt)? = paid.first(where: { if case .printReceipt = $0 { true } else { false } }) else {
            Issue.record("no receipt")
            return
        }
        #expect(receipt.credit == .yuan(50))
        #expect(receipt.paymentMethod == .cash)
        #expect(receipt.rows.contains { $0.value == "3302031000000001" })
        #expect(receipt.citizen.documentNumber == "330203********3518")

        kiosk.send(.receiptPrinted(transaction))
        #expect(kiosk.screen.kind == .collect)
        #expect(!kiosk.session.holdsPersonalData)
    }

    @Test func overpayingNotesAreReturnedWhenThePolicySaysSo() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false, overpayment: .rejectOverpayingNotes)
        kiosk.send(.cardRead(try reading("bravo")))
        let request = try #require(kiosk.send(.choiceSelected(.service("exit-entry-endorsement-fee"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("bravo", .exitEntry)))
        kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        #expect(kiosk.send(.noteEscrowed(transaction, .yuan(20))).contains(.returnEscrowedNote(transaction, .yuan(20))))
        #expect(kiosk.screen.lines.contains { $0.style == .warning })
        #expect(kiosk.send(.noteEscrowed(transaction, .yuan(10))).contains(.stackEscrowedNote(transaction, .yuan(10))))
    }

    @Test func paymentCodeWaitsForThePhoneThenPrintsTheReceipt() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("bravo")))
        let request = try #require(kiosk.send(.choiceSelected(.service("exit-entry-endorsement-fee"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("bravo", .exitEntry)))
        kiosk.send(.choiceSelected(.payCode))
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.paymentCodePending(transaction))
        #expect(kiosk.screen.lines.contains { $0.text.zh == "请在手机上确认支付" })
        let paid = kiosk.send(.paymentCodeSucceeded(transaction, .yuan(15)))
        #expect(paid.contains(.stopPayment(transaction)))
        #expect(kiosk.screen.kind == .printing)
        kiosk.send(.receiptPrinted(transaction))
        #expect(kiosk.screen.kind == .collect)
    }

    @Test func failedCodeThenWalkingAwayChargesNothingAndReturnsToIdle() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("bravo")))
        let request = try #require(kiosk.send(.choiceSelected(.service("exit-entry-endorsement-fee"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("bravo", .exitEntry)))
        kiosk.send(.choiceSelected(.payCode))
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.paymentCodeFailed(transaction, LocalizedText(zh: "付款码已过期", en: "The payment code expired")))
        #expect(kiosk.screen.lines.contains { $0.style == .warning && $0.text.en.hasPrefix("The payment code expired") })
        let timeout = kiosk.advance(by: .seconds(60))
        #expect(timeout.contains(.stopPayment(transaction)))
        #expect(timeout.journalEvents.contains(.paymentAbandoned(paid: .zero)))
        #expect(kiosk.screen.kind == .error)
        kiosk.advance(by: .seconds(10))
        #expect(kiosk.state == .idle)
        // The wallet confirms after all: an operator must hear of it.
        let late = kiosk.send(.paymentCodeSucceeded(transaction, .yuan(15)))
        #expect(late.journalEvents.contains { if case .needsAttention = $0 { true } else { false } })
    }

    @Test func partialCashThenTimeoutPrintsAVoucherForAnOperator() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("alpha")))
        let request = try #require(kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .trafficViolations)))
        kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.noteEscrowed(transaction, .yuan(50)))
        kiosk.send(.noteCredited(transaction, .yuan(50)))
        let timeout = kiosk.advance(by: .seconds(90))
        #expect(timeout.contains(.stopPayment(transaction)))
        #expect(timeout.journalEvents.contains { if case .needsAttention = $0 { true } else { false } })
        guard case .printReceipt(let voucher)? = timeout.first(where: { if case .printReceipt = $0 { true } else { false } }) else {
            Issue.record("no voucher")
            return
        }
        #expect(voucher.kind == .voucher)
        #expect(voucher.amountPaid == .yuan(50))
        let end = kiosk.send(.receiptPrinted(transaction))
        #expect(end.journalEvents.contains(.transactionClosed(.needsAttention)))
        #expect(kiosk.screen.kind == .collect)
    }

    @Test func expiredCardIsRejectedWithAPlainReason() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        let actions = kiosk.send(.cardRead(try reading("delta")))
        #expect(kiosk.screen.kind == .cardRejected)
        #expect(kiosk.screen.lines.first?.text.zh == "您的证件已过有效期，请到窗口办理")
        #expect(actions.journalEvents.contains(.cardRejected("card expired on 2020-05-01")))
        #expect(actions.recordsRequest == nil)
        kiosk.advance(by: .seconds(8))
        #expect(kiosk.state == .idle)
    }

    @Test func unreadableCardAndReaderTimeout() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        kiosk.send(.cardReadFailed(.unreadable("SW3 0x41 read failed")))
        #expect(kiosk.screen.kind == .cardRejected)
        kiosk.send(.choiceSelected(.finish))
        #expect(kiosk.state == .idle)
        kiosk.send(.cardPresented)
        kiosk.advance(by: .seconds(10))
        #expect(kiosk.state == .idle)
    }

    @Test func recordsSourceDownShowsAnErrorAndALateAnswerIsIgnored() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        let first = try #require(kiosk.send(.cardRead(try reading("alpha"))).recordsRequest)
        kiosk.send(.recordsUnavailable(first.sessionID, .sourceUnavailable("HTTP 503")))
        #expect(kiosk.screen.kind == .error)
        #expect(!kiosk.session.holdsPersonalData)
        kiosk.advance(by: .seconds(10))
        // Next citizen; the first one's records arrive late and must not show.
        let second = try #require(kiosk.send(.cardRead(try reading("charlie"))).recordsRequest)
        #expect(second.sessionID != first.sessionID)
        kiosk.send(.recordsFetched(first.sessionID, try records("alpha", .socialInsurance)))
        #expect(kiosk.screen.kind == .fetching)
        kiosk.advance(by: .seconds(20))
        #expect(kiosk.screen.kind == .error)
    }

    @Test func printerFailureAndPrinterSilence() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        let request = try #require(kiosk.send(.cardRead(try reading("alpha"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .socialInsurance)))
        kiosk.send(.choiceSelected(.print))
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.certificatePrintFailed(transaction, PrintFailure(detail: "media-jam after page 1", mayHavePrintedPartially: true)))
        #expect(kiosk.screen.kind == .error)
        #expect(kiosk.screen.lines.first?.text.zh.contains("交给工作人员") == true)
        kiosk.advance(by: .seconds(10))

        let again = try #require(kiosk.send(.cardRead(try reading("alpha"))).recordsRequest)
        kiosk.send(.recordsFetched(again.sessionID, try records("alpha", .socialInsurance)))
        kiosk.send(.choiceSelected(.print))
        let silent = kiosk.advance(by: .seconds(120))
        #expect(silent.contains(.cancelCertificate(TransactionID(session: again.sessionID))))
        #expect(kiosk.screen.kind == .error)
    }

    @Test func criminalRecordHitOffersNoPrintButton() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let request = try #require(
            { () throws -> RecordsRequest? in
                kiosk.send(.cardRead(try reading("hotel")))
                return kiosk.send(.choiceSelected(.service("no-criminal-record-proof"))).recordsRequest
            }())
        kiosk.send(.recordsFetched(request.sessionID, try records("hotel", .criminalRecord)))
        #expect(!kiosk.screen.choices.map(\.id).contains(.print))
        #expect(kiosk.screen.lines.contains { $0.style == .warning })
        #expect(kiosk.send(.choiceSelected(.print)).isEmpty)
    }

    @Test func unhealthyDevicesHideServicesAndTakeTheKioskOutOfService() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let paperOut = LocalizedText(zh: "证明打印机缺纸", en: "Document printer out of paper")
        kiosk.send(.deviceUsabilityChanged(.certificatePrinter, .unusable(paperOut)))
        #expect(kiosk.state == .idle)
        #expect(kiosk.screen.notices == [paperOut])
        kiosk.send(.cardRead(try reading("alpha")))
        #expect(kiosk.screen.choices.map(\.id) == [.service("traffic-fine-payment"), .service("exit-entry-endorsement-fee"), .service("appointment-progress-lookup"), .cancel])
        kiosk.send(.choiceSelected(.cancel))

        kiosk.send(.deviceUsabilityChanged(.idCardReader, .unusable(LocalizedText(zh: "身份证阅读器故障", en: "ID card reader fault"))))
        #expect(kiosk.state == .outOfService)
        #expect(kiosk.screen.lines.first?.text.zh == "身份证阅读器故障")
        #expect(kiosk.send(.cardRead(try reading("alpha"))).recordsRequest == nil)
        kiosk.send(.deviceUsabilityChanged(.idCardReader, .usable))
        #expect(kiosk.state == .idle)

        kiosk.send(.maintenanceModeChanged(true))
        #expect(kiosk.state == .outOfService)
        kiosk.send(.maintenanceModeChanged(false))
        #expect(kiosk.state == .idle)
    }

    @Test func maintenanceDuringAVisitWaitsForTheVisitToEnd() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("alpha")))
        kiosk.send(.maintenanceModeChanged(true))
        #expect(kiosk.screen.kind == .serviceMenu)
        kiosk.send(.choiceSelected(.cancel))
        #expect(kiosk.state == .outOfService)
    }

    @Test func languageToggleSwitchesTheScreenAndResetsForTheNextCitizen() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.languageToggled)
        #expect(kiosk.screen.language == .en)
        kiosk.send(.cardRead(try reading("foxtrot")))
        #expect(kiosk.screen.language == .en)
        #expect(kiosk.screen.lines.first?.text.en == "样***")
        kiosk.send(.choiceSelected(.cancel))
        #expect(kiosk.screen.language == .zh)
    }

    @Test func menuTimeoutEndsTheVisitAsTimedOut() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("alpha")))
        #expect(kiosk.screen.countdown == 60)
        kiosk.advance(by: .milliseconds(30_500))
        #expect(kiosk.screen.countdown == 30)
        let end = kiosk.advance(by: .seconds(30))
        #expect(end.journalEvents.contains(.sessionEnded(.timedOut)))
        #expect(kiosk.state == .idle)
    }

    @Test func lookupPrintsASlip() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        kiosk.send(.cardRead(try reading("alpha")))
        let request = try #require(kiosk.send(.choiceSelected(.service("appointment-progress-lookup"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .appointments)))
        #expect(kiosk.screen.choices.map(\.id).contains(.printSlip))
        let slip = kiosk.send(.choiceSelected(.printSlip))
        guard case .printReceipt(let job)? = slip.first(where: { if case .printReceipt = $0 { true } else { false } }) else {
            Issue.record("no slip")
            return
        }
        #expect(job.kind == .slip)
        #expect(job.rows.contains { $0.value.contains("海曙区行政服务中心") })
    }

    @Test func escrowForAnotherTransactionIsReturned() throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue())
        let stray = TransactionID(session: SessionID(kioskID: "TEST-01", number: 999))
        #expect(kiosk.send(.noteEscrowed(stray, .yuan(50))) == [.returnEscrowedNote(stray, .yuan(50))])
    }
}
