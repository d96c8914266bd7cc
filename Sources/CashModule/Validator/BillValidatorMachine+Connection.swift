import KioskCore

extension BillValidatorMachine {
    /// The driver (re)connected and set the unit up: the channel table, and the evidence read
    /// before anything was enabled. Settles the note this run had in flight and the cash-ins a
    /// previous run left open (``CashReconciliation``), and re-reads the fault events.
    public mutating func connected(channels: [Int: Money], evidence: ValidatorEvidence, hasCounters: Bool?) -> [Action] {
        self.channels = channels
        self.isConnected = true
        self.isDeviceEnabled = false
        self.hasCounters = hasCounters
        if let counters = evidence.counters { self.lastCounters = counters }
        // Conditions the unit reports again while they last. A fraud suspension stays until a
        // technician clears it, and an unwritable ledger until onetripd restarts.
        let sticky = [ValidatorFault.fraudAttempt.kind, ValidatorFault.ledgerUnwritable("").kind]
        let kept = self.faults.filter { sticky.contains($0.kind) }
        self.faults = kept
        var actions: [Action] = []
        var explained = 0

        if let state = self.note {
            self.note = nil
            if let note = state.note, state.recorded != .credited {
                explained += 1
                let record = NoteRecord(note: note, phase: state.recorded, isStacked: false, detail: nil)
                actions += self.settle(note, CashReconciliation.resolve(record, evidence: evidence), isInherited: false)
            }
        }
        for cashIn in self.inheritedCashIns {
            var credited = cashIn.credited
            var uncertain = cashIn.uncertain
            var notes: [String] = []
            if let open = cashIn.openNote {
                explained += 1
                let resolution = CashReconciliation.resolve(open, evidence: evidence)
                actions += self.settle(open.note, resolution, isInherited: true)
                switch resolution {
                case .credited(let value, _, _): credited += value
                case .uncertain: uncertain += open.note.value
                case .returned: break
                }
                notes.append("\(open.note): \(resolution)")
            }
            let detail = "closed at start-up: the previous run stopped during this payment" + (notes.isEmpty ? "" : "; " + notes.joined(separator: "; "))
            actions.append(.record(.closed(cashIn.transactionID, credited: credited, detail: detail)))
            if !credited.isZero || !uncertain.isZero {
                let attention = CashAttention(
                    transactionID: cashIn.transactionID, credited: credited, uncertain: uncertain,
                    reason: "payment interrupted (the kiosk restarted during it); due \(cashIn.amountDue)")
                actions.append(.emit(.needsAttention(attention)))
            }
        }
        self.inheritedCashIns = []

        for credit in CashReconciliation.unexplainedCredits(in: evidence, explainedCount: explained) {
            let reason = "at reconnection the validator reported a \(credit.value) credit (ch \(credit.channel)) no note in flight explains"
            actions.append(.record(CashLedgerEntry(kind: .unexpectedCredit, transactionID: nil, channel: credit.channel, value: credit.value, detail: reason)))
            actions.append(.emit(.needsAttention(CashAttention(transactionID: nil, credited: credit.value, uncertain: .zero, reason: reason))))
        }
        for event in evidence.events {
            switch event {
            case .safeJam, .unsafeJam, .stackerFull, .cashboxRemoved, .cashboxReplaced, .notePathOpen, .fraudAttempt:
                actions += self.apply(event, at: .zero)
            default: break
            }
        }
        actions += self.closeIfSettled()
        if let fault = self.faults.first { actions += self.reportFailure(fault) }
        return actions
    }

    /// Records how a note was settled at reconnection and tells whoever must know.
    private mutating func settle(_ note: NoteInFlight, _ resolution: NoteResolution, isInherited: Bool) -> [Action] {
        switch resolution {
        case .credited(let value, let channel, let evidence):
            var settled = note
            settled.value = value
            settled.channel = channel
            var actions: [Action] = [.record(.note(.credited, settled, detail: evidence))]
            if !isInherited {
                if self.cashIn?.transactionID == note.transactionID { self.cashIn?.credited += value }
                if self.closingCashIn?.transactionID == note.transactionID { self.closingCashIn?.credited += value }
                actions.append(.emit(.noteCredited(note.transactionID, value)))
            }
            return actions
        case .returned(let evidence):
            return [.record(.note(.returned, note, detail: evidence))]
        case .uncertain(let reason):
            var actions: [Action] = [.record(.note(.uncertain, note, detail: reason))]
            if !isInherited {
                let credited = [self.cashIn, self.closingCashIn].compactMap { $0 }.first { $0.transactionID == note.transactionID }?.credited ?? .zero
                actions.append(
                    .emit(.needsAttention(CashAttention(transactionID: note.transactionID, credited: credited, uncertain: note.value, reason: "\(note): \(reason)"))))
            }
            return actions
        }
    }
}
