import CashModule
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import PaymentGatewayClient
import PaymentGatewaySimulator
import Simulators
import Testing

/// The reference gateway on loopback HTTP, the real HTTP client, a terminal with a SQLite
/// ledger in a temporary directory, and short timings.
struct GatewayRig {
    let directory: URL
    let server: PaymentGatewayServer
    let port: Int
    let terminal: PaymentCodeTerminal
    let events: EventRecorder
    let collector: Task<Void, Never>
    var gateway: ReferenceGateway { self.server.gateway }
    var ledgerPath: String { self.directory.appendingPathComponent("kiosk.sqlite").path }

    /// Short waits; a deadline long enough that a loaded machine never reaches it by accident.
    static let timing: MicropayMachine.Timing = {
        var timing = MicropayMachine.Timing()
        timing.queryInterval = .milliseconds(100)
        timing.unknownWait = .milliseconds(100)
        timing.paymentDeadline = .seconds(15)
        timing.reverseNotBefore = .milliseconds(400)
        timing.reverseRetryInterval = .milliseconds(100)
        timing.maximumReverseAttempts = 4
        return timing
    }()

    /// For the tests whose point is the deadline.
    static let shortDeadline: MicropayMachine.Timing = {
        var timing = Self.timing
        timing.paymentDeadline = .milliseconds(1500)
        return timing
    }()

    static func start(
        directory existing: URL? = nil, port: Int = 0, callTimeout: Duration = .seconds(2), timing: MicropayMachine.Timing = Self.timing
    ) async throws -> GatewayRig {
        let directory = try existing ?? Fixtures.temporaryDirectory("paycode")
        let server = PaymentGatewayServer(merchantKey: "test-key")
        let bound = try await server.start(port: port)
        let provider = HTTPPaymentProvider(
            baseURL: URL(string: "http://127.0.0.1:\(bound)/")!, merchantKey: "test-key", terminalID: "HS-0001", callTimeout: callTimeout)
        var logger = Logger(label: "test.paymentcode")
        logger.logLevel = .warning
        let terminal = try PaymentCodeTerminal(
            provider: provider, ledgerPath: directory.appendingPathComponent("kiosk.sqlite").path, timing: timing, logger: logger)
        let events = EventRecorder()
        return GatewayRig(
            directory: directory, server: server, port: bound, terminal: terminal, events: events, collector: events.collect(terminal.events))
    }

    func ledger() throws -> CodePaymentLedger { try CodePaymentLedger(path: self.ledgerPath) }

    func stop() async {
        await self.server.stop()
        self.collector.cancel()
    }

    private init(directory: URL, server: PaymentGatewayServer, port: Int, terminal: PaymentCodeTerminal, events: EventRecorder, collector: Task<Void, Never>) {
        self.directory = directory
        self.server = server
        self.port = port
        self.terminal = terminal
        self.events = events
        self.collector = collector
    }
}

@Suite("Payment codes end to end: terminal, HTTP client, reference gateway")
struct PaymentCodeTerminalTests {
    let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: 42))
    let wechat = "134567890123456781"
    let alipay = "284567890123456781"

    func pay(_ rig: GatewayRig, _ code: String, amount: Money = .yuan(15)) async {
        await rig.terminal.start(self.transaction, amountDue: amount, description: "交通违法罚款")
        await rig.terminal.scanned(code)
    }

    func finalEvent(_ rig: GatewayRig) async -> PaymentEvent? {
        await rig.events.wait(timeout: .seconds(30)) {
            switch $0 {
            case .paymentCodeSucceeded, .paymentCodeFailed: true
            default: false
            }
        }
    }

    @Test func success() async throws {
        let rig = try await GatewayRig.start()
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        let record = try #require(try rig.ledger().records(for: self.transaction).first)
        #expect(record.state == "paid")
        #expect(record.outTradeNumber == "HS_0001_000042T_1")
        #expect(record.maskedCode == "**************6781")
        #expect(await rig.gateway.trade("HS_0001_000042T_1")?.state == .success)
        await rig.stop()
    }

    @Test func alipaySuccessIsConfirmedByAQuery() async throws {
        let rig = try await GatewayRig.start()
        await self.pay(rig, self.alipay)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        #expect(await rig.gateway.calls == ["micropay HS_0001_000042T_1", "orderquery HS_0001_000042T_1"])
        await rig.stop()
    }

    @Test func userPayingThenSuccess() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .userPayingThenSucceed(after: .milliseconds(500)))
        await self.pay(rig, self.wechat)
        #expect(await rig.events.wait { $0 == .paymentCodePending(self.transaction) } != nil)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        let calls = await rig.gateway.calls
        #expect(calls.first == "micropay HS_0001_000042T_1")
        #expect(calls.dropFirst().allSatisfy { $0 == "orderquery HS_0001_000042T_1" } && calls.count >= 3)
        await rig.stop()
    }

    @Test func timeoutThenReversalEvenWhenTheWalletSaysStillPaying() async throws {
        let rig = try await GatewayRig.start(timing: GatewayRig.shortDeadline)
        await rig.gateway.script(self.wechat, .userPayingForever(reverseRefusals: 2))
        await self.pay(rig, self.wechat)
        guard case .paymentCodeFailed(_, let reason)? = await self.finalEvent(rig) else {
            Issue.record("no failure")
            return
        }
        #expect(reason.en.contains("timed out"))
        let calls = await rig.gateway.calls
        #expect(calls.filter { $0.hasPrefix("reverse") }.count == 3)
        #expect(calls.filter { $0.hasPrefix("micropay") }.count == 1)
        #expect(await rig.gateway.trade("HS_0001_000042T_1")?.state == .revoked(refunded: false))
        #expect(try rig.ledger().record("HS_0001_000042T_1")?.state == "reversed")
        await rig.stop()
    }

    @Test func aLostPayAnswerIsQueriedNotPaidTwice() async throws {
        let rig = try await GatewayRig.start()
        await rig.server.setFaults {
            $0.withheldAnswers = [PaymentGatewayAPI.micropayPath: 1]
            $0.withholdFor = .seconds(5)
        }
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        #expect(await rig.gateway.trade("HS_0001_000042T_1")?.payCalls == 1)
        #expect(await rig.gateway.calls.filter { $0.hasPrefix("micropay") }.count == 1)
        await rig.stop()
    }

    @Test func systemErrorHidingASuccessIsRevealedByTheQuery() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .systemErrorWithHiddenSuccess)
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        await rig.stop()
    }

    @Test func duplicateSubmissionsNeverChargeTwice() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .userPayingThenSucceed(after: .milliseconds(400)))
        await self.pay(rig, self.wechat)
        // The phone is still under the scanner: more scans of the same (and another) code while paying.
        await rig.terminal.scanned(self.wechat)
        await rig.terminal.scanned("134567890123456782")
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        #expect(await rig.gateway.allTrades.count == 1)
        // The same out-trade number replayed at the gateway: the same trade, not a new charge;
        // with another code: refused.
        let provider = HTTPPaymentProvider(baseURL: URL(string: "http://127.0.0.1:\(rig.port)/")!, merchantKey: "test-key", terminalID: "HS-0001")
        let replay = MicropayRequest(outTradeNumber: "HS_0001_000042T_1", code: try PaymentCode(scanned: self.wechat), amount: .yuan(15), description: "x")
        guard case .paid = try await provider.pay(replay) else {
            Issue.record("a replay must answer with the paid trade")
            return
        }
        var other = replay
        other.code = try PaymentCode(scanned: "134567890123456782")
        #expect(try await provider.pay(other) == .failed(code: "OUT_TRADE_NO_USED", message: "商户订单号重复"))
        #expect(await rig.gateway.allTrades.count == 1)
        await rig.stop()
    }

    @Test func anExpiredCodeFailsAndAFreshScanIsANewTrade() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .expired)
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeFailed(self.transaction, LocalizedText(zh: "付款码已过期", en: "The payment code expired")))
        await rig.terminal.scanned("134567890123456791")
        #expect(await rig.events.wait { $0 == .paymentCodeSucceeded(self.transaction, .yuan(15)) } != nil)
        #expect(try rig.ledger().records(for: self.transaction).map(\.state) == ["failed", "paid"])
        #expect(await rig.gateway.trade("HS_0001_000042T_2")?.state == .success)
        await rig.stop()
    }

    @Test func providerDownEndsInManualReviewAndNeverInASuccess() async throws {
        // Nothing listens on the port: connections are refused.
        let rig = try await GatewayRig.start(timing: GatewayRig.shortDeadline)
        await rig.server.stop()
        await self.pay(rig, self.wechat)
        guard case .paymentCodeFailed(_, let reason)? = await self.finalEvent(rig) else {
            Issue.record("no failure")
            return
        }
        #expect(reason.en.contains("could not be confirmed"))
        let attention = await rig.events.attentions.first
        #expect(attention?.uncertain == .yuan(15))
        #expect(attention?.reason.contains("could not be reversed") == true)
        #expect(try rig.ledger().record("HS_0001_000042T_1")?.state == "manual-review")
        // Restart, with the gateway back (same port): the unfinished trade is queried and closed.
        let port = rig.port
        let again = try await GatewayRig.start(directory: rig.directory, port: port)
        try await again.terminal.resumeUnfinished()
        #expect(try again.ledger().record("HS_0001_000042T_1")?.state == "reversed")
        #expect(await again.gateway.calls == ["orderquery HS_0001_000042T_1", "reverse HS_0001_000042T_1"])
        await again.stop()
    }

    @Test func http503IsAnOutageNotAnAnswer() async throws {
        let rig = try await GatewayRig.start(timing: GatewayRig.shortDeadline)
        await rig.server.setFaults { $0.isDown = true }
        await self.pay(rig, self.wechat)
        try await Task.sleep(for: .milliseconds(600))
        await rig.server.setFaults { $0.isDown = false }
        // Back before the deadline: the trade (never received) is reversed as ORDERNOTEXIST.
        guard case .paymentCodeFailed? = await self.finalEvent(rig) else {
            Issue.record("no failure")
            return
        }
        #expect(await rig.gateway.allTrades.isEmpty)
        #expect(try rig.ledger().record("HS_0001_000042T_1")?.state == "reversed")
        await rig.stop()
    }

    @Test func slowAnswersWithinTheTimeoutStillWork() async throws {
        let rig = try await GatewayRig.start(callTimeout: .seconds(5))
        await rig.server.setFaults { $0.answerDelay = .milliseconds(500) }
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        await rig.stop()
    }

    @Test func aPaymentPaidWhileTheKioskWasDownBecomesMoneyForAnOperator() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .userPayingThenSucceed(after: .milliseconds(100)))
        // A trade on the ledger as pending: the kiosk died right after the pay call went out.
        let request = MicropayRequest(outTradeNumber: "HS_0001_000042T_1", code: try PaymentCode(scanned: self.wechat), amount: .yuan(15), description: "x")
        try rig.ledger().insertPending(request, transactionID: self.transaction)
        let provider = HTTPPaymentProvider(baseURL: URL(string: "http://127.0.0.1:\(rig.port)/")!, merchantKey: "test-key", terminalID: "HS-0001")
        _ = try await provider.pay(request)
        try await Task.sleep(for: .milliseconds(200))
        try await rig.terminal.resumeUnfinished()
        #expect(try rig.ledger().record("HS_0001_000042T_1")?.state == "paid-late")
        let attention = try #require(await rig.events.wait { if case .needsAttention = $0 { true } else { false } })
        guard case .needsAttention(let record) = attention else { return }
        #expect(record.credited == .yuan(15))
        #expect(record.transactionID == self.transaction)
        #expect(await rig.gateway.calls.filter { $0.hasPrefix("micropay") }.count == 1)
        await rig.stop()
    }

    @Test func refundsAreIdempotentPerRefundNumber() async throws {
        let rig = try await GatewayRig.start()
        await self.pay(rig, self.wechat)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        let first = try await rig.terminal.refund(outTradeNumber: "HS_0001_000042T_1", amount: .yuan(5), reason: "proof not printed")
        #expect(first == .accepted(providerRefundNumber: "5000HS_0001_000042T_1R1"))
        // A retry of the same refund (say the answer was lost) does not refund twice.
        let retry = try await rig.terminal.refund(outTradeNumber: "HS_0001_000042T_1", amount: .yuan(5), reason: "proof not printed", retryOf: "HS_0001_000042T_1R1")
        #expect(retry == first)
        #expect(await rig.gateway.trade("HS_0001_000042T_1")?.refunds == ["HS_0001_000042T_1R1": 500])
        let tooMuch = try await rig.terminal.refund(outTradeNumber: "HS_0001_000042T_1", amount: .yuan(15), reason: "again")
        #expect(tooMuch == .failed(code: "REFUND_FEE_INVALID", message: "退款金额大于支付金额"))
        await rig.stop()
    }

    @Test func scansOutsideAPaymentAndNonCodesAreHandled() async throws {
        let rig = try await GatewayRig.start()
        await rig.terminal.scanned(self.wechat)
        try await Task.sleep(for: .milliseconds(100))
        #expect(await rig.gateway.calls.isEmpty)
        await rig.terminal.start(self.transaction, amountDue: .yuan(15), description: "x")
        await rig.terminal.scanned("6901234567892")
        #expect(await rig.events.wait { if case .paymentCodeFailed(_, let text) = $0 { text.en == "That is not a payment code" } else { false } } != nil)
        await rig.terminal.scanned("6234567890123456789")
        #expect(await rig.events.wait { if case .paymentCodeFailed(_, let text) = $0 { text.en.contains("UnionPay") } else { false } } != nil)
        #expect(await rig.gateway.calls.isEmpty)
        await rig.stop()
    }

    @Test func theSessionPaysWithACodeThroughKioskPayments() async throws {
        let rig = try await GatewayRig.start()
        await rig.gateway.script(self.wechat, .userPayingThenSucceed(after: .milliseconds(300)))
        let payments = KioskPayments(validator: nil, terminal: rig.terminal, describe: { "\($0)" })
        await payments.startForwarding()
        var session = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let identity = try Fixtures.citizen("alpha").identity
        session.send(.cardRead(CardReading(identity: identity, citizenKey: CitizenKey(hex: "k"))))
        let request = try #require(session.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest)
        session.send(.recordsFetched(request.sessionID, try #require(try Fixtures.recordBook(for: "alpha").records(from: .trafficViolations))))
        for action in session.send(.choiceSelected(.payCode)) { await payments.perform(action) }
        await rig.terminal.scanned(self.wechat)
        var completed = false
        for await event in payments.events {
            guard let sessionEvent = event.sessionEvent else { continue }
            let actions = session.send(sessionEvent)
            for action in actions { await payments.perform(action) }
            if actions.journalEvents.contains(.paymentCompleted(paid: .yuan(350), credit: .zero)) {
                completed = true
                break
            }
        }
        #expect(completed)
        #expect(session.log.contains { if case .printReceipt(let job) = $0 { job.paymentMethod == .paymentCode } else { false } })
        await rig.stop()
    }

    @Test func aCodeReadByTheSerialScannerIsPaid() async throws {
        let rig = try await GatewayRig.start()
        let scanner = try PaymentCodeScannerSimulator(baudRate: 9600, isPaced: false)
        let driver = PaymentCodeScannerDriver(devicePath: try #require(scanner.link.slavePath), interCharacterTimeout: .milliseconds(250))
        let reading = Task { await driver.run() }
        let feeding = Task { await rig.terminal.consume(driver.events) }
        #expect(await rig.events.waitForStatus { $0.status.role == .paymentCodeScanner && $0.availability == .online })
        await rig.terminal.start(self.transaction, amountDue: .yuan(15), description: "交通违法罚款")
        try await scanner.scan(self.wechat, suffix: .crlf)
        #expect(await self.finalEvent(rig) == .paymentCodeSucceeded(self.transaction, .yuan(15)))
        reading.cancel()
        feeding.cancel()
        scanner.link.unplug()
        await rig.stop()
    }
}
