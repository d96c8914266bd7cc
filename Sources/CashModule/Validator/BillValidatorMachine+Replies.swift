import KioskCore

extension BillValidatorMachine {
    /// The validator answered `command`.
    public mutating func replyReceived(_ response: SSPResponse, to command: SSPCommand, at now: Duration) -> [Action] {
        switch command {
        case .poll:
            guard response.isOK else { return [] }
            if let state = self.note, state.phase == .accepting {
                // The accepting POLL reached the unit: from here only the device knows where the note is.
                self.note?.phase = .stacking
            }
            let events: [SSPPollEvent]
            do {
                events = try SSPPollEvent.parse(response.payload)
            } catch {
                // Event lengths depend on the code: nothing after an unknown one can be trusted.
                // Reconnecting reads the note's fate from the device (counters, REJECT).
                return self.raise(.protocolViolation(error.description)) + [.reconnect]
            }
            var actions: [Action] = []
            for event in events { actions += self.apply(event, at: now) }
            if let state = self.note, case .leftEscrow(let quiet) = state.phase {
                if events.isEmpty || events == [.disabled] {
                    self.note?.phase = .leftEscrow(quietPolls: quiet + 1)
                    if quiet + 1 >= 10 { actions.append(.reconnect) }
                }
            }
            return actions
        case .hold:
            if response.code == .cannotProcess, let state = self.note, case .awaitingDecision = state.phase {
                // Nothing in escrow any more: the unit returned it by itself (escrow time-out).
                self.note?.phase = .leftEscrow(quietPolls: 0)
            }
            return []
        case .reject:
            guard let state = self.note, state.phase == .returnRequested else { return [] }
            if response.isOK {
                self.note?.phase = .rejecting
            } else if state.note == nil {
                self.note = nil
            } else {
                self.note?.phase = .leftEscrow(quietPolls: 0)
            }
            return []
        case .getCounters:
            var counter: UInt32?
            if response.isOK, let counters = try? SSPCounters(payload: response.payload) {
                self.hasCounters = true
                self.lastCounters = counters
                counter = counters.stacked
            } else if response.code == .commandNotKnown {
                self.hasCounters = false
            }
            guard var state = self.note, state.phase == .readingCounters, let note = state.note else { return [] }
            state.phase = .accepting
            state.recorded = .stackIntent(counter: counter)
            self.note = state
            return [.record(.note(.stackIntent, note, counter: counter))]
        case .enable:
            if response.isOK {
                self.isDeviceEnabled = true
                self.clear(ValidatorFault.cannotEnable.kind)
                return []
            }
            return self.raise(.cannotEnable)
        case .disable:
            if response.isOK { self.isDeviceEnabled = false }
            return []
        case .lastRejectCode:
            if response.isOK, let code = response.payload.first { self.lastRejectReason = SSPRejectReason(code: code) }
            return []
        default:
            return []
        }
    }

    /// A command got no usable answer: the link is down until the driver reconnects.
    public mutating func linkFailed(_ error: SSPLinkError, at now: Duration) -> [Action] {
        self.isConnected = false
        self.isDeviceEnabled = false
        let fault: ValidatorFault = error.isTransportFailure ? .disconnected(error.description) : .noReply(error.description)
        return self.raise(fault) + [.reconnect]
    }

    /// The ledger refused a line: no money may move. The note in escrow (if any) goes back.
    public mutating func ledgerFailed(_ detail: String) -> [Action] {
        let actions = self.raise(.ledgerUnwritable(detail))
        if var state = self.note {
            switch state.phase {
            case .awaitingDecision, .readingCounters, .accepting:
                // Accepting is safe to undo: the intent line failed, so the POLL was never sent.
                state.phase = .returnRequested
                self.note = state
            default: break
            }
        }
        self.cashIn = nil
        return actions
    }
}

extension BillValidatorMachine {
    /// The driver could not connect (no port, no answer, or a unit that does not fit the kiosk).
    public mutating func connectionFailed(_ fault: ValidatorFault) -> [Action] {
        self.isConnected = false
        self.isDeviceEnabled = false
        return self.raise(fault)
    }
}
