import KioskCore
import KioskTestSupport

/// Every screen the session shows, produced by a real ``KioskSession`` driven through
/// ``SessionHarness``: the attract screen, a rejected card, the menu, fetching, previews of
/// every kind of service, cash and code payments, printing with and without a page count,
/// collect, error and out of service.
enum ScreenTour {
    /// A named screen.
    struct Stop {
        var name: String
        var screen: Screen
    }

    static func reading(_ key: String) throws -> CardReading {
        CardReading(identity: try Fixtures.citizen(key).identity, citizenKey: CitizenKey(hex: "key-\(key)"))
    }

    static func records(_ key: String, _ source: RecordsSource) throws -> CitizenRecords {
        guard let records = try Fixtures.recordBook(for: key).records(from: source) else {
            throw TourError(detail: "\(key) has no \(source) records")
        }
        return records
    }

    /// Sets the session's language (the toggle is a session event, as on the kiosk).
    static func use(_ language: Language, _ kiosk: inout SessionHarness) {
        if kiosk.session.language != language { kiosk.send(.languageToggled) }
    }

    /// All stops, in the given language.
    static func stops(_ language: Language) throws -> [Stop] {
        var stops: [Stop] = []
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        func stop(_ name: String) { stops.append(Stop(name: name, screen: kiosk.screen)) }

        use(language, &kiosk)
        stop("idle")
        kiosk.send(.cardPresented)
        stop("reading")
        kiosk.send(.cardRead(try reading("delta")))
        stop("card-rejected")
        kiosk.send(.choiceSelected(.finish))

        use(language, &kiosk)
        kiosk.send(.cardRead(try reading("alpha")))
        stop("service-menu")
        var request = try require(kiosk.send(.choiceSelected(.service("social-insurance-proof"))).recordsRequest)
        stop("fetching")
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .socialInsurance)))
        stop("preview-proof")
        kiosk.send(.choiceSelected(.print))
        stop("printing-preparing")
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.printProgress(transaction, completed: 1, total: 2))
        stop("printing-progress")
        kiosk.send(.certificatePrinted(transaction))
        stop("collect")
        kiosk.send(.choiceSelected(.finish))

        use(language, &kiosk)
        kiosk.send(.cardRead(try reading("alpha")))
        request = try require(kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .trafficViolations)))
        stop("preview-payment")
        kiosk.send(.choiceSelected(.payCash))
        stop("payment-cash")
        let fine = TransactionID(session: request.sessionID)
        kiosk.send(.noteEscrowed(fine, .yuan(100)))
        kiosk.send(.noteCredited(fine, .yuan(100)))
        stop("payment-cash-partly-paid")
        kiosk.send(.choiceSelected(.cancel))
        stop("printing-voucher")
        kiosk.send(.receiptPrinted(fine))
        stop("collect-voucher")
        kiosk.send(.choiceSelected(.finish))

        use(language, &kiosk)
        kiosk.send(.cardRead(try reading("bravo")))
        request = try require(kiosk.send(.choiceSelected(.service("exit-entry-endorsement-fee"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("bravo", .exitEntry)))
        kiosk.send(.choiceSelected(.payCode))
        stop("payment-code")
        kiosk.send(.paymentCodePending(TransactionID(session: request.sessionID)))
        stop("payment-code-confirming")
        kiosk.send(.paymentCodeSucceeded(TransactionID(session: request.sessionID), .yuan(15)))
        kiosk.send(.receiptPrinted(TransactionID(session: request.sessionID)))
        kiosk.send(.choiceSelected(.finish))

        use(language, &kiosk)
        kiosk.send(.cardRead(try reading("alpha")))
        request = try require(kiosk.send(.choiceSelected(.service("appointment-progress-lookup"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try records("alpha", .appointments)))
        stop("preview-lookup")
        kiosk.send(.choiceSelected(.cancel))

        use(language, &kiosk)
        kiosk.send(.cardRead(try reading("alpha")))
        request = try require(kiosk.send(.choiceSelected(.service("household-registration-proof"))).recordsRequest)
        kiosk.send(.recordsUnavailable(request.sessionID, .sourceUnavailable("HTTP 503")))
        stop("error")
        kiosk.send(.choiceSelected(.finish))

        kiosk.send(.deviceUsabilityChanged(.certificatePrinter, .unusable(LocalizedText(zh: "打印机缺纸", en: "The printer is out of paper"))))
        use(language, &kiosk)
        stop("idle-printer-out-of-paper")
        kiosk.send(.deviceUsabilityChanged(.idCardReader, .unusable(LocalizedText(zh: "读卡器故障", en: "The card reader is not working"))))
        use(language, &kiosk)
        stop("out-of-service")
        return stops
    }

    static func require<Value>(_ value: Value?, _ what: String = "a value") throws -> Value {
        guard let value else { throw TourError(detail: "expected \(what)") }
        return value
    }
}

/// A step of the tour could not be taken.
struct TourError: Error, CustomStringConvertible {
    var detail: String
    var description: String { self.detail }
}
