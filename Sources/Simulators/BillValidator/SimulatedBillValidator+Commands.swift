import CashModule
import KioskCore

extension SimulatedBillValidator {
    /// Answers one frame from the host; `nil` when it is not addressed to this unit (address 0).
    /// A frame with the same sequence flag as the last one gets the last reply again, unexecuted
    /// (GA138 "Transport Layer"; research B.4).
    public mutating func receive(_ frame: SSPFrame, at now: Duration) -> SSPFrame? {
        guard frame.address == 0 else { return nil }
        self.advance(to: now)
        self.lastCommandAt = now
        let isSync = frame.data.first == SSPCommand.sync.code
        if !isSync, frame.sequenceFlag == self.lastSequenceFlag, let cached = self.cachedReply {
            return SSPFrame(sequenceFlag: frame.sequenceFlag, address: 0, data: cached)
        }
        let reply = self.execute(frame.data, at: now).data
        self.lastSequenceFlag = frame.sequenceFlag
        self.cachedReply = reply
        return SSPFrame(sequenceFlag: frame.sequenceFlag, address: 0, data: reply)
    }

    /// Executes one command's DATA.
    mutating func execute(_ data: [UInt8], at now: Duration) -> SSPResponse {
        guard let command = SSPCommand(data: data) else {
            let known: Set<UInt8> = [0x11, 0x01, 0x06, 0x05, 0x07, 0x02, 0x0A, 0x09, 0x08, 0x18, 0x17, 0x0C, 0x20, 0x21, 0x58]
            return SSPResponse(code: known.contains(data.first ?? 0) ? .wrongParameterCount : .commandNotKnown)
        }
        if self.forcesEncryption, command != .sync { return SSPResponse(code: .keyNotSet) }
        if case .escrow(let channel, _) = self.stage, command != .poll {
            // "any other command but not a simple poll" re-arms the escrow timer (GA138 Hold).
            self.stage = .escrow(channel: channel, since: now)
        }
        switch command {
        case .sync:
            return SSPResponse(code: .ok)
        case .reset:
            self.powerCycle(at: now)
            return SSPResponse(code: .ok)
        case .hostProtocolVersion(let version):
            guard version <= self.maximumProtocolVersion, version >= 1 else { return SSPResponse(code: .fail) }
            self.protocolVersion = version
            return SSPResponse(code: .ok)
        case .setupRequest:
            return SSPResponse(code: .ok, payload: self.setupData.payload)
        case .poll:
            return SSPResponse(code: .ok, payload: self.poll(at: now).flatMap(\.bytes))
        case .setInhibits(let mask):
            guard (1...2).contains(mask.count) else { return SSPResponse(code: .wrongParameterCount) }
            self.inhibitMask = mask.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            return SSPResponse(code: .ok)
        case .enable:
            if !self.isCashboxPresent { return SSPResponse(code: .cannotProcess) }
            if case .jammed = self.stage { return SSPResponse(code: .cannotProcess) }
            self.isEnabled = true
            return SSPResponse(code: .ok)
        case .disable:
            self.isEnabled = false
            return SSPResponse(code: .ok)
        case .reject:
            guard case .escrow(let channel, _) = self.stage else { return SSPResponse(code: .cannotProcess) }
            self.stage = .rejecting(channel: channel, until: now + self.motionTime, code: SSPRejectReason.rejectedByHost.code)
            return SSPResponse(code: .ok)
        case .hold:
            guard case .escrow = self.stage else { return SSPResponse(code: .cannotProcess) }
            return SSPResponse(code: .ok)
        case .lastRejectCode:
            return SSPResponse(code: .ok, payload: [self.lastRejectCode])
        case .getSerialNumber:
            let serial = self.serialNumber
            return SSPResponse(code: .ok, payload: [UInt8(serial >> 24), UInt8((serial >> 16) & 0xFF), UInt8((serial >> 8) & 0xFF), UInt8(serial & 0xFF)])
        case .getFirmwareVersion:
            return SSPResponse(code: .ok, payload: Array("NV0090\(self.firmware)SIM".utf8))
        case .getDatasetVersion:
            return SSPResponse(code: .ok, payload: Array("CNY01610".utf8))
        case .getCounters:
            return self.hasCounters ? SSPResponse(code: .ok, payload: self.counters.payload) : SSPResponse(code: .commandNotKnown)
        }
    }

    /// A POLL: accepts a note whose escrow was already reported, then reports queued events
    /// and the events that repeat while a state lasts.
    mutating func poll(at now: Duration) -> [SSPPollEvent] {
        if case .escrow(let channel, _) = self.stage, self.escrowReported {
            self.accept(channel: channel, at: now)
        }
        var events = self.queuedEvents
        self.queuedEvents = []
        if events.contains(where: { if case .escrowed = $0 { return true } else { return false } }) { self.escrowReported = true }
        switch self.stage {
        case .reading: events.append(.reading)
        case .stacking: if !events.contains(.stacking) { events.append(.stacking) }
        case .rejecting: if !events.contains(.rejecting) { events.append(.rejecting) }
        case .jammed(_, let safe): events.append(safe ? .safeJam : .unsafeJam)
        case .escrow, nil: break
        }
        if !self.isEnabled, !events.contains(.disabled) {
            switch self.stage {
            case nil, .jammed: events.append(.disabled)
            default: break
            }
        }
        return events
    }

    private mutating func accept(channel: Int, at now: Duration) {
        self.escrowReported = false
        if let index = self.armedFaults.firstIndex(of: .fraudNextNote) {
            self.armedFaults.remove(at: index)
            self.fraudInProgress = true
            self.queuedEvents.append(.fraudAttempt(channel: UInt8(channel)))
            self.stage = .stacking(channel: channel, creditAt: now + self.motionTime / 2, until: now + self.motionTime, credited: true)
            return
        }
        self.stage = .stacking(channel: channel, creditAt: now + self.motionTime / 2, until: now + self.motionTime, credited: false)
    }

    /// Lets time pass: notes move, the escrow timer and the watchdog run out.
    public mutating func advance(to now: Duration) {
        if self.isEnabled, now - self.lastCommandAt >= self.watchdog {
            self.isEnabled = false
        }
        var changed = true
        while changed {
            changed = false
            switch self.stage {
            case .reading(let channel, let until, let genuine) where now >= until:
                changed = true
                if !genuine {
                    self.stage = .rejecting(channel: channel, until: until + self.motionTime, code: SSPRejectReason.validationFailed.code)
                } else if !self.isChannelEnabled(channel) {
                    self.stage = .rejecting(channel: channel, until: until + self.motionTime, code: SSPRejectReason.disabledByHost.code)
                } else {
                    self.stage = .escrow(channel: channel, since: until)
                    self.escrowReported = false
                    self.queuedEvents.append(.escrowed(channel: UInt8(channel)))
                }
            case .escrow(let channel, let since) where now - since >= self.escrowTimeout:
                changed = true
                self.escrowReported = false
                self.queuedEvents.removeAll { $0 == .escrowed(channel: UInt8(channel)) }
                self.stage = .rejecting(channel: channel, until: since + self.escrowTimeout + self.motionTime, code: SSPRejectReason.escrowTimeout.code)
            case .stacking(let channel, let creditAt, let until, false) where now >= creditAt:
                changed = true
                if let index = self.armedFaults.firstIndex(where: { if case .jamNextStack = $0 { return true } else { return false } }),
                    case .jamNextStack(let safe) = self.armedFaults[index]
                {
                    self.armedFaults.remove(at: index)
                    self.stage = .jammed(channel: channel, safe: safe)
                    self.isEnabled = false
                } else {
                    self.counters.stacked &+= 1
                    self.cashbox.append(channel)
                    self.queuedEvents.append(.credit(channel: UInt8(channel)))
                    self.stage = .stacking(channel: channel, creditAt: creditAt, until: until, credited: true)
                }
            case .stacking(let channel, _, let until, true) where now >= until:
                changed = true
                if self.fraudInProgress {
                    self.fraudInProgress = false
                    self.counters.stacked &+= 1
                    self.cashbox.append(channel)
                    self.stackedWithoutCredit.append(channel)
                }
                self.queuedEvents.append(.stacked)
                self.stage = nil
                if self.cashbox.count >= self.cashboxCapacity {
                    self.queuedEvents.append(.stackerFull)
                    self.isEnabled = false
                }
            case .rejecting(let channel, let until, let code) where now >= until:
                changed = true
                self.returned.append(channel)
                self.lastRejectCode = code
                self.counters.rejected &+= 1
                self.queuedEvents.append(.rejected)
                self.stage = nil
            default:
                break
            }
        }
    }
}
