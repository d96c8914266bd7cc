import KioskCore

/// What the validator showed when the driver (re)connected, before it enabled anything: the
/// evidence reconciliation decides from.
public struct ValidatorEvidence: Hashable, Sendable {
    /// Whether REJECT at start-up found a note in escrow (OK rather than F5): that note is being
    /// returned to the citizen now.
    public var escrowedNoteReturned: Bool
    /// Every event polled after the REJECT, until the validator was quiet.
    public var events: [SSPPollEvent]
    /// The validator's persistent counters now, when it has them.
    public var counters: SSPCounters?
    /// The value of each channel.
    public var channelValues: [Int: Money]

    /// Creates the evidence.
    public init(escrowedNoteReturned: Bool, events: [SSPPollEvent], counters: SSPCounters?, channelValues: [Int: Money]) {
        self.escrowedNoteReturned = escrowedNoteReturned
        self.events = events
        self.counters = counters
        self.channelValues = channelValues
    }
}

/// How reconciliation settled a note, with the evidence in words for the operator.
public enum NoteResolution: Hashable, Sendable, CustomStringConvertible {
    /// The note is in the cash box: money, credited once.
    case credited(value: Money, channel: Int, evidence: String)
    /// The note is back with the citizen.
    case returned(evidence: String)
    /// Nobody can tell: an operator must look (and the citizen gets a voucher).
    case uncertain(reason: String)

    public var description: String {
        switch self {
        case .credited(let value, let channel, let evidence): "credited \(value) (ch \(channel)): \(evidence)"
        case .returned(let evidence): "returned: \(evidence)"
        case .uncertain(let reason): "uncertain: \(reason)"
        }
    }
}

/// Settles a note left in flight by a crash, a power cut or a silent validator, from the ledger
/// and what the validator shows now. Pure: nothing that moves money is redone, only observed.
///
/// Rules, in order (GA973 §7.3 and §8.3; research B.7, B.9, B.13):
/// 1. a CREDIT event, or NOTE CLEARED INTO CASHBOX at power-up, means the note is money;
/// 2. a note REJECT found in escrow, a NOTE CLEARED FROM FRONT, or a REJECTED event means it went back;
/// 3. a jam means nobody can tell;
/// 4. a note only escrowed (or with a return decision) cannot have been stacked: only the
///    accepting POLL stacks, and it is sent after the stack intent is on disk; so it went back
///    (escrow time-out);
/// 5. a note with a stack intent: the persistent stacked counter decides (one more: stacked;
///    unchanged: returned); without counters nobody can tell.
public enum CashReconciliation {
    /// Settles `note` from the evidence.
    public static func resolve(_ note: NoteRecord, evidence: ValidatorEvidence) -> NoteResolution {
        for event in evidence.events {
            switch event {
            case .credit(let channel):
                let value = evidence.channelValues[Int(channel)] ?? note.note.value
                return .credited(value: value, channel: Int(channel), evidence: "the validator reported CREDIT ch \(channel) after reconnecting")
            case .noteClearedIntoCashbox(let channel):
                let value = channel == 0 ? note.note.value : (evidence.channelValues[Int(channel)] ?? note.note.value)
                return .credited(value: value, channel: channel == 0 ? note.note.channel : Int(channel), evidence: "NOTE CLEARED INTO CASHBOX at power-up")
            default: continue
            }
        }
        if evidence.escrowedNoteReturned { return .returned(evidence: "still in escrow at reconnect; returned with REJECT") }
        if evidence.events.contains(where: { if case .noteClearedFromFront = $0 { return true } else { return false } }) {
            return .returned(evidence: "NOTE CLEARED FROM FRONT at power-up")
        }
        if evidence.events.contains(.rejected) { return .returned(evidence: "the validator reported REJECTED") }
        if evidence.events.contains(.safeJam) || evidence.events.contains(.unsafeJam) {
            return .uncertain(reason: "the validator reports a note jam; open it and check whether the \(note.note.value) note is inside")
        }
        switch note.phase {
        case .escrowed, .returnIntent:
            return .returned(evidence: "no longer in escrow and never accepted (only an accepting POLL stacks, and none was sent): returned by escrow time-out")
        case .stackIntent(let before):
            guard let before, let now = evidence.counters?.stacked else {
                return .uncertain(reason: "the stack command may have reached the validator but no credit was seen, and this validator has no note counters")
            }
            switch now &- before {
            case 0: return .returned(evidence: "stacked-notes counter unchanged (\(now)): the note was not stacked")
            case 1: return .credited(value: note.note.value, channel: note.note.channel, evidence: "stacked-notes counter went from \(before) to \(now)")
            default: return .uncertain(reason: "stacked-notes counter went from \(before) to \(now), more than this one note")
            }
        case .credited, .returned, .uncertain:
            return .returned(evidence: "already settled")
        }
    }

    /// Credits in the evidence that no open note explains (money with no decision behind it):
    /// the first `explainedCount` credits belong to the open notes settled with ``resolve(_:evidence:)``.
    public static func unexplainedCredits(in evidence: ValidatorEvidence, explainedCount: Int) -> [(channel: Int, value: Money)] {
        var credits: [(channel: Int, value: Money)] = []
        var explained = explainedCount
        for event in evidence.events {
            let channel: UInt8
            switch event {
            case .credit(let ch), .noteClearedIntoCashbox(let ch): channel = ch
            default: continue
            }
            if explained > 0 {
                explained -= 1
                continue
            }
            credits.append((Int(channel), evidence.channelValues[Int(channel)] ?? .zero))
        }
        return credits
    }
}
