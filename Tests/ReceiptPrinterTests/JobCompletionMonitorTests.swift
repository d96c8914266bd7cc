@testable import ReceiptPrinter
import Testing

@Suite("Job completion monitor")
struct JobCompletionMonitorTests {
    let start = ContinuousClock.now

    func monitor(pollsStatus: Bool = true) -> JobCompletionMonitor {
        JobCompletionMonitor(start: self.start, jobTimeout: .seconds(10), pollInterval: .milliseconds(250), statusTimeout: .milliseconds(500), pollsStatus: pollsStatus)
    }

    @Test func aGSrReplyConfirmsTheJob() {
        var monitor = self.monitor()
        #expect(monitor.start() == [.send(Hex.bytes("1D 72 01"))])
        #expect(monitor.received(0x11, at: self.start) == [])  // XON is skipped
        #expect(monitor.received(0x00, at: self.start) == [.finish(.confirmed(paperNearEnd: false))])
        #expect(monitor.received(0x00, at: self.start) == [])
    }

    @Test func nearEndIsReportedWithTheConfirmation() {
        var monitor = self.monitor()
        #expect(monitor.received(0x03, at: self.start) == [.finish(.confirmed(paperNearEnd: true))])
    }

    @Test func whileWaitingItPollsAndStopsWhenThePrinterReportsPaperOut() {
        var monitor = self.monitor()
        #expect(monitor.tick(at: self.start + .milliseconds(100)) == [])
        #expect(monitor.wakeUp == self.start + .milliseconds(250))
        let poll = self.start + .milliseconds(250)
        #expect(monitor.tick(at: poll) == [.send(Hex.bytes("10 04 01"))])
        #expect(monitor.received(0x1A, at: poll) == [.send(Hex.bytes("10 04 02"))])  // offline: ask why
        #expect(monitor.received(0x32, at: poll) == [.send(Hex.bytes("10 04 03"))])
        #expect(monitor.received(0x12, at: poll) == [.send(Hex.bytes("10 04 04"))])
        let actions = monitor.received(0x7E, at: poll)
        guard case .finish(.stopped(let status))? = actions.first else {
            Issue.record("expected a stop, got \(actions)")
            return
        }
        #expect(status.paper == .out)
    }

    @Test func anOnlinePrinterIsPolledAgainLater() {
        var monitor = self.monitor()
        let poll = self.start + .milliseconds(250)
        #expect(monitor.tick(at: poll) == [.send(Hex.bytes("10 04 01"))])
        #expect(monitor.received(0x12, at: poll) == [])
        #expect(monitor.wakeUp == poll + .milliseconds(250))
        #expect(monitor.received(0x00, at: poll + .milliseconds(10)) == [.finish(.confirmed(paperNearEnd: false))])
    }

    @Test func aSilentPrinterTimesOutAtTheJobDeadline() {
        var monitor = self.monitor()
        var now = self.start
        var sent = 0
        while now < self.start + .seconds(10) {
            now = monitor.wakeUp
            for action in monitor.tick(at: now) {
                if case .send = action { sent += 1 }
                if case .finish(let outcome) = action {
                    #expect(outcome == .timedOut(lastStatus: nil))
                    #expect(sent > 5)  // it kept asking
                    return
                }
            }
        }
        Issue.record("no time-out")
    }

    @Test func withoutRealTimeStatusItOnlyWaitsForGSr() {
        var monitor = self.monitor(pollsStatus: false)
        #expect(monitor.wakeUp == self.start + .seconds(10))
        #expect(monitor.tick(at: self.start + .seconds(1)) == [])
        #expect(monitor.tick(at: self.start + .seconds(10)) == [.finish(.timedOut(lastStatus: nil))])
    }
}
