import CashModule
import KioskCore
import Testing

@Suite("Micropay state machine (pay, query, reverse; time as input)")
struct MicropayMachineTests {
    static func request(_ code: String = "134567890123456789") -> MicropayRequest {
        MicropayRequest(outTradeNumber: "HS_0001_000042T_1", code: try! PaymentCode(scanned: code), amount: .yuan(15), description: "test")
    }

    let trade = PaidTrade(providerTradeNumber: "4200000001", amount: .yuan(15))

    @Test func paidAtOnce() {
        var machine = MicropayMachine(request: Self.request())
        #expect(machine.nextStep(at: .seconds(100)) == .pay(Self.request()))
        #expect(machine.payAnswered(.success(.paid(self.trade)), at: .seconds(100)) == [.stateChanged(.paid(self.trade))])
        #expect(machine.nextStep(at: .seconds(100)) == .finished(.paid(self.trade)))
    }

    @Test func userPayingIsQueriedUntilPaid() {
        var machine = MicropayMachine(request: Self.request())
        _ = machine.nextStep(at: .seconds(0))
        #expect(machine.payAnswered(.success(.userPaying), at: .seconds(0)) == [.userPaying, .stateChanged(.polling(nextQueryAt: .seconds(5)))])
        #expect(machine.nextStep(at: .seconds(1)) == .wait(until: .seconds(5)))
        #expect(machine.nextStep(at: .seconds(5)) == .query("HS_0001_000042T_1"))
        #expect(machine.queryAnswered(.success(.waiting("USERPAYING")), at: .seconds(5)).isEmpty)
        #expect(machine.nextStep(at: .seconds(10)) == .query("HS_0001_000042T_1"))
        #expect(machine.queryAnswered(.success(.paid(self.trade)), at: .seconds(10)) == [.stateChanged(.paid(self.trade))])
    }

    @Test func anUnclearAnswerIsQueriedNeverPaidAgain() {
        var machine = MicropayMachine(request: Self.request())
        _ = machine.nextStep(at: .seconds(0))
        #expect(machine.payAnswered(.failure(.timeout(.seconds(12))), at: .seconds(12)) == [.stateChanged(.polling(nextQueryAt: .seconds(17)))])
        #expect(machine.nextStep(at: .seconds(17)) == .query("HS_0001_000042T_1"))
        #expect(machine.queryAnswered(.success(.paid(self.trade)), at: .seconds(17)).count == 1)
        var other = MicropayMachine(request: Self.request())
        _ = other.nextStep(at: .seconds(0))
        _ = other.payAnswered(.success(.unknown("SYSTEMERROR")), at: .seconds(0))
        for second in stride(from: 5, through: 40, by: 5) {
            let step = other.nextStep(at: .seconds(Int64(second)))
            guard case .query = step else {
                Issue.record("expected a query at \(second) s, got \(step)")
                return
            }
            _ = other.queryAnswered(.success(.notFound), at: .seconds(Int64(second)))
        }
    }

    @Test func theDeadlineReversesNotBefore15SecondsAndWhileRecallSaysSo() {
        var timing = MicropayMachine.Timing()
        timing.paymentDeadline = .seconds(10)
        var machine = MicropayMachine(request: Self.request(), timing: timing)
        _ = machine.nextStep(at: .seconds(0))
        _ = machine.payAnswered(.success(.userPaying), at: .seconds(0))
        _ = machine.nextStep(at: .seconds(5))
        _ = machine.queryAnswered(.success(.waiting("USERPAYING")), at: .seconds(5))
        // Deadline at 10 s, but WeChat's reverse must wait until 15 s after the pay call.
        #expect(machine.nextStep(at: .seconds(10)) == .wait(until: .seconds(15)))
        #expect(machine.nextStep(at: .seconds(15)) == .reverse("HS_0001_000042T_1"))
        #expect(machine.reverseAnswered(.success(.retryLater("USERPAYING")), at: .seconds(15)).isEmpty)
        #expect(machine.nextStep(at: .seconds(16)) == .wait(until: .seconds(20)))
        #expect(machine.nextStep(at: .seconds(20)) == .reverse("HS_0001_000042T_1"))
        #expect(machine.reverseAnswered(.success(.reversed(refunded: false)), at: .seconds(20)) == [.stateChanged(.reversed(refunded: false))])
    }

    @Test func reversesThatKeepFailingEndInManualReview() {
        var timing = MicropayMachine.Timing()
        timing.maximumReverseAttempts = 3
        var machine = MicropayMachine(request: Self.request(), timing: timing)
        _ = machine.nextStep(at: .seconds(0))
        _ = machine.payAnswered(.failure(.unreachable("connection refused")), at: .seconds(0))
        machine.cancel()
        var now = Duration.seconds(1)
        var notices: [MicropayMachine.Notice] = []
        for _ in 0..<20 {
            switch machine.nextStep(at: now) {
            case .reverse: notices += machine.reverseAnswered(.failure(.unreachable("connection refused")), at: now)
            case .query: notices += machine.queryAnswered(.failure(.unreachable("connection refused")), at: now)
            case .wait(let until): now = until
            case .finished: break
            case .pay: Issue.record("paid twice")
            }
        }
        guard case .manualReview(let reason) = machine.state else {
            Issue.record("not in manual review: \(machine.state)")
            return
        }
        #expect(reason.contains("3 attempts"))
    }

    @Test func aDefiniteFailureEndsTheTrade() {
        var machine = MicropayMachine(request: Self.request())
        _ = machine.nextStep(at: .seconds(0))
        #expect(
            machine.payAnswered(.success(.failed(code: "AUTH_CODE_INVALID", message: "101 付款码已过期")), at: .seconds(0))
                == [.stateChanged(.failed(code: "AUTH_CODE_INVALID", message: "101 付款码已过期"))])
    }

    @Test func alipaySuccessIsConfirmedByOneQuery() {
        var machine = MicropayMachine(request: Self.request("284567890123456789"))
        _ = machine.nextStep(at: .seconds(0))
        #expect(machine.payAnswered(.success(.paid(self.trade)), at: .seconds(0)) == [.stateChanged(.confirming)])
        #expect(machine.nextStep(at: .seconds(0)) == .query("HS_0001_000042T_1"))
        #expect(machine.queryAnswered(.success(.paid(self.trade)), at: .seconds(0)) == [.stateChanged(.paid(self.trade))])
    }

    @Test func aResumedTradeIsQueriedThenReversed() {
        var machine = MicropayMachine(resuming: "HS_0001_000041T_1", wallet: .wechatPay, at: .seconds(3))
        #expect(machine.nextStep(at: .seconds(3)) == .query("HS_0001_000041T_1"))
        _ = machine.queryAnswered(.success(.waiting("NOTPAY")), at: .seconds(3))
        #expect(machine.nextStep(at: .seconds(3)) == .reverse("HS_0001_000041T_1"))
    }
}
