import CashModule
import KioskCore
import Testing

extension BillValidatorMachine.Action {
    var recordedKind: CashLedgerEntry.Kind? {
        if case .record(let entry) = self { return entry.kind }
        return nil
    }
    var emitted: PaymentEvent? {
        if case .emit(let event) = self { return event }
        return nil
    }
}

/// The pure machine, driven by hand: every step is an event in, actions out.
@Suite("Bill validator state machine")
struct BillValidatorMachineTests {
    let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: 7))
    let channels: [Int: Money] = [2: .yuan(5), 3: .yuan(10), 4: .yuan(20), 5: .yuan(50), 6: .yuan(100)]

    func connectedMachine(hasCounters: Bool? = true) -> BillValidatorMachine {
        var machine = BillValidatorMachine(configuration: .init(acceptedNotes: Array(self.channels.values), decisionTimeout: .seconds(30)))
        let evidence = ValidatorEvidence(escrowedNoteReturned: false, events: [.disabled], counters: SSPCounters(stacked: 3), channelValues: self.channels)
        #expect(machine.connected(channels: self.channels, evidence: evidence, hasCounters: hasCounters).isEmpty)
        return machine
    }

    func poll(_ machine: inout BillValidatorMachine, _ events: [SSPPollEvent], at seconds: Int64 = 1) -> [BillValidatorMachine.Action] {
        machine.replyReceived(SSPResponse(code: .ok, payload: events.flatMap(\.bytes)), to: .poll, at: .seconds(seconds))
    }

    @Test func aNoteIsHeldThenStackedOnlyAfterTheIntentIsRecorded() {
        var machine = self.connectedMachine()
        #expect(machine.start(self.transaction, amountDue: .yuan(15)).map(\.recordedKind) == [.opened])
        #expect(machine.nextCommand(at: .seconds(1)) == .enable)
        #expect(machine.replyReceived(SSPResponse(code: .ok), to: .enable, at: .seconds(1)).isEmpty)
        #expect(machine.nextCommand(at: .seconds(1)) == .poll)
        #expect(self.poll(&machine, [.reading]).isEmpty)

        let escrow = self.poll(&machine, [.escrowed(channel: 3)])
        #expect(escrow.map(\.recordedKind) == [.escrowed, nil])
        #expect(escrow.last?.emitted == .noteEscrowed(self.transaction, .yuan(10)))
        // While the session decides, the machine HOLDs; a POLL now would accept the note.
        #expect(machine.nextCommand(at: .seconds(2)) == .hold)
        #expect(machine.nextCommand(at: .seconds(3)) == .hold)

        // Stack: read the counters first, record the intent with them, only then POLL (= accept).
        #expect(machine.stack(self.transaction, value: .yuan(10)).isEmpty)
        #expect(machine.nextCommand(at: .seconds(3)) == .getCounters)
        let intent = machine.replyReceived(SSPResponse(code: .ok, payload: SSPCounters(stacked: 3).payload), to: .getCounters, at: .seconds(3))
        guard case .record(let line)? = intent.first else {
            Issue.record("no intent line")
            return
        }
        #expect(line.kind == .stackIntent && line.counter == 3)
        #expect(machine.nextCommand(at: .seconds(3)) == .poll)
        #expect(self.poll(&machine, [.stacking]).isEmpty)
        let credit = self.poll(&machine, [.credit(channel: 3), .stacking])
        #expect(credit.map(\.recordedKind) == [.credited, nil])
        #expect(credit.last?.emitted == .noteCredited(self.transaction, .yuan(10)))
        #expect(self.poll(&machine, [.stacked]).map(\.recordedKind) == [.stacked])
        #expect(!machine.hasNoteInFlight)
    }

    @Test func withoutCountersTheIntentIsRecordedAtTheDecision() {
        var machine = self.connectedMachine(hasCounters: false)
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        _ = self.poll(&machine, [.escrowed(channel: 2)])
        #expect(machine.stack(self.transaction, value: .yuan(5)).map(\.recordedKind) == [.stackIntent])
        #expect(machine.nextCommand(at: .seconds(2)) == .poll)
    }

    @Test func aDecisionForAnotherNoteOrTransactionIsIgnored() {
        var machine = self.connectedMachine()
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        _ = self.poll(&machine, [.escrowed(channel: 3)])
        let other = TransactionID(session: SessionID(kioskID: "HS-0001", number: 6))
        #expect(machine.stack(other, value: .yuan(10)).isEmpty)
        #expect(machine.stack(self.transaction, value: .yuan(20)).isEmpty)
        #expect(machine.nextCommand(at: .seconds(2)) == .hold)
    }

    @Test func everyEventOfOneReplyIsHandledInOrder() {
        var machine = self.connectedMachine(hasCounters: false)
        _ = machine.start(self.transaction, amountDue: .yuan(100))
        _ = self.poll(&machine, [.escrowed(channel: 6)])
        _ = machine.stack(self.transaction, value: .yuan(100))
        // GA973 §8.3 "stacker full": F0 EE 03 CC EB E7 in one reply.
        let actions = self.poll(&machine, [.credit(channel: 6), .stacking, .stacked, .stackerFull])
        #expect(actions.compactMap(\.recordedKind) == [.credited, .stacked])
        #expect(actions.contains { $0.emitted == .noteCredited(self.transaction, .yuan(100)) })
        #expect(actions.contains { if case .paymentDeviceFailed(self.transaction, _)? = $0.emitted { true } else { false } })
        #expect(machine.faults == [.stackerFull])
        #expect(!machine.wantsEnabled)
    }

    @Test func aNoteNobodyDecidesAboutIsReturnedAfterTheDecisionTimeout() {
        var machine = self.connectedMachine()
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        _ = self.poll(&machine, [.escrowed(channel: 3)], at: 10)
        #expect(machine.tick(at: .seconds(39)).isEmpty)
        #expect(machine.tick(at: .seconds(40)).map(\.recordedKind) == [.returnIntent])
        #expect(machine.nextCommand(at: .seconds(40)) == .reject)
        #expect(machine.replyReceived(SSPResponse(code: .ok), to: .reject, at: .seconds(40)).isEmpty)
        #expect(self.poll(&machine, [.rejecting]).isEmpty)
        #expect(self.poll(&machine, [.rejected]).map(\.recordedKind) == [.returned])
        #expect(machine.nextCommand(at: .seconds(41)) == .lastRejectCode)
    }

    @Test func aNoteWithoutACashInIsReturnedWithoutALedgerLine() {
        var machine = self.connectedMachine()
        #expect(self.poll(&machine, [.escrowed(channel: 3)]).isEmpty)
        #expect(machine.nextCommand(at: .seconds(1)) == .reject)
        #expect(machine.replyReceived(SSPResponse(code: .ok), to: .reject, at: .seconds(1)).isEmpty)
        #expect(self.poll(&machine, [.rejected]).isEmpty)
    }

    @Test func stoppingReturnsTheEscrowedNoteAndClosesOnceItIsBack() {
        var machine = self.connectedMachine()
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        _ = self.poll(&machine, [.escrowed(channel: 4)])
        #expect(machine.stop(self.transaction).map(\.recordedKind) == [.returnIntent])
        #expect(machine.nextCommand(at: .seconds(2)) == .reject)
        _ = machine.replyReceived(SSPResponse(code: .ok), to: .reject, at: .seconds(2))
        #expect(self.poll(&machine, [.rejected]).map(\.recordedKind) == [.returned, .closed])
        #expect(machine.nextCommand(at: .seconds(3)) == .lastRejectCode)
        #expect(machine.nextCommand(at: .seconds(3)) == .poll)
    }

    @Test func aCreditNobodyAskedForIsMoneyForAnOperator() {
        var machine = self.connectedMachine()
        let orphan = self.poll(&machine, [.credit(channel: 5)])
        #expect(orphan.map(\.recordedKind) == [.unexpectedCredit, nil])
        #expect(orphan.contains { if case .needsAttention(let attention)? = $0.emitted { attention.credited == .yuan(50) } else { false } })
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        let during = self.poll(&machine, [.credit(channel: 3)])
        #expect(during.contains { $0.emitted == .noteCredited(self.transaction, .yuan(10)) })
    }

    @Test func aNewEscrowNeverWaitsBehindAStackedNote() {
        var machine = self.connectedMachine(hasCounters: false)
        _ = machine.start(self.transaction, amountDue: .yuan(100))
        _ = self.poll(&machine, [.escrowed(channel: 3)])
        _ = machine.stack(self.transaction, value: .yuan(10))
        _ = self.poll(&machine, [.credit(channel: 3)])
        // STACKED never arrived, but a new note is in escrow: it must be held, not accepted by a POLL.
        let next = self.poll(&machine, [.escrowed(channel: 4)])
        #expect(next.contains { $0.emitted == .noteEscrowed(self.transaction, .yuan(20)) })
        #expect(machine.nextCommand(at: .seconds(2)) == .hold)
    }

    @Test func fraudSuspendsAndTheNoteIsNotCredited() {
        var machine = self.connectedMachine(hasCounters: false)
        _ = machine.start(self.transaction, amountDue: .yuan(100))
        _ = self.poll(&machine, [.escrowed(channel: 6)])
        _ = machine.stack(self.transaction, value: .yuan(100))
        let fraud = self.poll(&machine, [.fraudAttempt(channel: 6), .stacking])
        #expect(fraud.compactMap(\.recordedKind) == [.uncertain])
        #expect(machine.faults == [.fraudAttempt])
        #expect(machine.faults.first?.deviceFault.remediation.action == .suspend)
        #expect(self.poll(&machine, [.stacked]).isEmpty)
        // Reconnecting does not lift a fraud suspension; a technician must clear it.
        let evidence = ValidatorEvidence(escrowedNoteReturned: false, events: [], counters: nil, channelValues: self.channels)
        _ = machine.connected(channels: self.channels, evidence: evidence, hasCounters: false)
        #expect(machine.faults == [.fraudAttempt])
        machine.clearFaults()
        #expect(machine.faults.isEmpty)
    }

    @Test func aSlaveResetOrALostLinkAsksForAReconnection() {
        var machine = self.connectedMachine()
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        #expect(self.poll(&machine, [.slaveReset, .disabled]).contains(.reconnect))
        let lost = machine.linkFailed(.noReply(command: "POLL", attempts: 3, lastProblem: nil), at: .seconds(2))
        #expect(lost.contains(.reconnect))
        #expect(lost.contains { if case .paymentDeviceFailed(self.transaction, _)? = $0.emitted { true } else { false } })
        #expect(!machine.isConnected)
        #expect(machine.faults.first?.availability == .offline)
    }

    @Test func anUnknownPollEventIsAProtocolFaultAndAReconnection() {
        var machine = self.connectedMachine()
        let actions = machine.replyReceived(SSPResponse(code: .ok, payload: [0x42]), to: .poll, at: .seconds(1))
        #expect(actions.contains(.reconnect))
        #expect(machine.faults.first?.deviceFault.code == "protocol")
    }

    @Test func aLedgerFailureStopsMoneyMoving() {
        var machine = self.connectedMachine(hasCounters: true)
        _ = machine.start(self.transaction, amountDue: .yuan(15))
        _ = self.poll(&machine, [.escrowed(channel: 3)])
        _ = machine.stack(self.transaction, value: .yuan(10))
        _ = machine.nextCommand(at: .seconds(2))
        _ = machine.replyReceived(SSPResponse(code: .ok, payload: SSPCounters(stacked: 3).payload), to: .getCounters, at: .seconds(2))
        // The intent line could not be written: the note goes back instead of being accepted.
        _ = machine.ledgerFailed("disk I/O error")
        #expect(machine.nextCommand(at: .seconds(2)) == .reject)
        #expect(machine.faults.first?.deviceFault.code == "ledger-unwritable")
        #expect(machine.activeTransaction == nil)
    }
}
