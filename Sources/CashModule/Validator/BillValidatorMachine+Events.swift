import KioskCore

extension BillValidatorMachine {
    /// Handles one poll event (research B.7 for each code's meaning).
    mutating func apply(_ event: SSPPollEvent, at now: Duration) -> [Action] {
        switch event {
        case .reading, .channelDisable, .initialising, .barCodeTicketValidated, .barCodeTicketAcknowledged:
            return []
        case .escrowed(let channel):
            return self.noteEscrowed(channel: Int(channel), at: now)
        case .credit(let channel):
            return self.credit(channel: Int(channel), evidence: nil)
        case .noteClearedIntoCashbox(let channel):
            return self.credit(channel: Int(channel), evidence: "NOTE CLEARED INTO CASHBOX at power-up")
        case .rejecting:
            if let state = self.note, state.phase != .credited { self.note?.phase = .rejecting }
            return []
        case .rejected:
            self.rejectedNotes &+= 1
            self.pendingCommands.append(.lastRejectCode)
            return self.settleReturned(evidence: "the validator reported REJECTED")
        case .noteClearedFromFront:
            return self.settleReturned(evidence: "NOTE CLEARED FROM FRONT at power-up")
        case .stacking:
            if let state = self.note, state.phase == .accepting { self.note?.phase = .stacking }
            return []
        case .stacked:
            guard let state = self.note else { return [] }
            if state.phase == .credited {
                self.note = nil
                var actions: [Action] = state.note.map { [.record(.note(.stacked, $0))] } ?? []
                actions += self.closeIfSettled()
                return actions
            }
            if state.note != nil, [.accepting, .stacking].contains(state.phase) {
                return self.settleUncertain(reason: "the validator reported STACKED without a CREDIT")
            }
            return []
        case .safeJam, .unsafeJam:
            let safe = event == .safeJam
            var actions = self.raise(.jam(safe: safe))
            if let state = self.note, state.note != nil, state.phase != .credited {
                actions += self.settleUncertain(
                    reason: safe
                        ? "SAFE JAM while the note was in the validator: it is inside, beyond the citizen's reach, and was not credited"
                        : "UNSAFE JAM: the note may have been pulled back out; it was not credited")
            }
            return actions
        case .disabled:
            self.isDeviceEnabled = false
            return []
        case .stackerFull:
            return self.raise(.stackerFull)
        case .fraudAttempt(let channel):
            var actions = self.raise(.fraudAttempt)
            if let state = self.note, state.note != nil, state.phase != .credited {
                actions += self.settleUncertain(reason: "FRAUD ATTEMPT reported on channel \(channel); the note was not credited")
            }
            return actions
        case .cashboxRemoved:
            return self.raise(.cashboxRemoved)
        case .cashboxReplaced:
            self.clear(ValidatorFault.cashboxRemoved.kind)
            return []
        case .notePathOpen:
            return self.raise(.notePathOpen)
        case .slaveReset:
            // Power-up or reset: protocol version, inhibits and enable are lost (research B.13 #52).
            self.isDeviceEnabled = false
            return [.reconnect]
        }
    }

    private mutating func noteEscrowed(channel: Int, at now: Duration) -> [Action] {
        var actions: [Action] = []
        if let state = self.note {
            // One note at a time: a repeated report of the held note changes nothing.
            switch state.phase {
            case .awaitingDecision, .readingCounters, .returnRequested:
                if state.note == nil || state.note?.channel == channel { return [] }
            default: break
            }
            // A new note is in escrow, so the previous one has left the path. It must not block
            // this one: an unanswered escrow would be accepted by the next POLL.
            switch state.phase {
            case .credited: self.note = nil
            case .rejecting, .returnRequested, .leftEscrow: actions += self.settleReturned(evidence: "a new note arrived in escrow after it")
            default: actions += self.settleUncertain(reason: "a new note arrived in escrow before its outcome was reported")
            }
            actions += self.closeIfSettled()
        }
        guard var cashIn = self.cashIn, let value = self.channels[channel] else {
            // No cash-in, or a channel the kiosk does not take: give it straight back.
            self.note = NoteState(note: nil, phase: .returnRequested, recorded: .returnIntent)
            return actions
        }
        let note = NoteInFlight(transactionID: cashIn.transactionID, index: cashIn.nextNoteIndex, channel: channel, value: value)
        cashIn.nextNoteIndex += 1
        self.cashIn = cashIn
        self.note = NoteState(note: note, phase: .awaitingDecision(since: now), recorded: .escrowed)
        return actions + [.record(.note(.escrowed, note)), .emit(.noteEscrowed(note.transactionID, value))]
    }

    /// A CREDIT (or a note cleared into the cash box): money, credited once.
    mutating func credit(channel: Int, evidence: String?) -> [Action] {
        if let state = self.note, var note = state.note, state.phase != .credited {
            var detail = evidence
            if channel != 0, channel != note.channel, let value = self.channels[channel] {
                detail = "credited on channel \(channel), escrowed on \(note.channel)"
                note.channel = channel
                note.value = value
            }
            self.note = NoteState(note: note, phase: .credited, recorded: .credited)
            if evidence != nil { self.note = nil }
            return self.credited(note, detail: detail) + self.closeIfSettled()
        }
        // Nobody decided to stack anything: money without a decision.
        let value = self.channels[channel] ?? .zero
        if var cashIn = self.cashIn {
            let note = NoteInFlight(transactionID: cashIn.transactionID, index: cashIn.nextNoteIndex, channel: channel, value: value)
            cashIn.nextNoteIndex += 1
            self.cashIn = cashIn
            let reason = "the validator credited a \(value) note (ch \(channel)) the kiosk never accepted"
            return [.record(.note(.unexpectedCredit, note, detail: reason))] + self.noteCreditedEvents(note)
                + [.emit(.needsAttention(CashAttention(transactionID: note.transactionID, credited: value, uncertain: .zero, reason: reason)))]
        }
        let reason = "the validator credited a \(value) note (ch \(channel)) with no payment in progress"
        return [
            .record(CashLedgerEntry(kind: .unexpectedCredit, transactionID: nil, channel: channel, value: value, detail: reason)),
            .emit(.needsAttention(CashAttention(transactionID: nil, credited: value, uncertain: .zero, reason: reason))),
        ]
    }

    private mutating func credited(_ note: NoteInFlight, detail: String?) -> [Action] {
        [.record(.note(.credited, note, detail: detail))] + self.noteCreditedEvents(note)
    }

    /// Adds the value to its cash-in and tells the session.
    private mutating func noteCreditedEvents(_ note: NoteInFlight) -> [Action] {
        if self.cashIn?.transactionID == note.transactionID { self.cashIn?.credited += note.value }
        if self.closingCashIn?.transactionID == note.transactionID { self.closingCashIn?.credited += note.value }
        return [.emit(.noteCredited(note.transactionID, note.value))]
    }

    mutating func settleReturned(evidence: String) -> [Action] {
        guard let state = self.note, state.phase != .credited else { return [] }
        self.note = nil
        guard let note = state.note else { return [] }
        return [.record(.note(.returned, note, detail: evidence))] + self.closeIfSettled()
    }

    mutating func settleUncertain(reason: String) -> [Action] {
        guard let state = self.note, let note = state.note else { return [] }
        self.note = nil
        let credited = [self.cashIn, self.closingCashIn].compactMap { $0 }.first { $0.transactionID == note.transactionID }?.credited ?? .zero
        let attention = CashAttention(transactionID: note.transactionID, credited: credited, uncertain: note.value, reason: "\(note): \(reason)")
        var actions: [Action] = [.record(.note(.uncertain, note, detail: reason)), .emit(.needsAttention(attention))]
        actions += self.reportFailure(.protocolViolation(reason))
        actions += self.closeIfSettled()
        return actions
    }
}
