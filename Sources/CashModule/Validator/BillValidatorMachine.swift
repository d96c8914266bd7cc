import KioskCore

/// The money logic of a banknote validator, as a pure state machine: the session's decisions,
/// poll events and command replies go in; ledger lines, payment events and the next SSP command
/// come out. It performs no I/O and reads no clock (`now` is the caller's monotonic uptime).
///
/// The driver runs one loop: ``tick(at:)``, then ``nextCommand(at:)``, send it, then
/// ``replyReceived(_:to:at:)`` (or ``linkFailed(_:at:)``), performing every returned action in
/// order. A ``Action/record(_:)`` must be on disk before the next command is sent: that is what
/// makes "intent to stack, then POLL" safe.
///
/// Money rules (GA973 §8.3; research B.7, B.9, B.13): a note in escrow is not money; the kiosk
/// HOLDs it while the session decides; it is stacked by a POLL only after the stack intent is
/// recorded; it is money only at CREDIT (0xEE); every event of a poll reply is handled in order.
public struct BillValidatorMachine: Sendable {
    /// What the machine asks its owner to do.
    public enum Action: Hashable, Sendable {
        /// Append this line to the cash-in ledger, durably, before anything else.
        case record(CashLedgerEntry)
        /// Tell the owner's listener.
        case emit(PaymentEvent)
        /// Re-run the connection procedure (SYNC, set-up, reconciliation): the validator was reset
        /// or lost, or a note's fate must be read from the device.
        case reconnect
    }

    /// Settings.
    public struct Configuration: Hashable, Sendable {
        /// The notes the kiosk takes; the others stay inhibited.
        public var acceptedNotes: [Money]
        /// How long a note may wait in escrow for the session's decision before it is returned.
        public var decisionTimeout: Duration
        /// How long to wait between attempts to re-enable a validator that disabled itself.
        public var reenableInterval: Duration

        /// Creates settings.
        public init(acceptedNotes: [Money], decisionTimeout: Duration = .seconds(30), reenableInterval: Duration = .seconds(5)) {
            self.acceptedNotes = acceptedNotes
            self.decisionTimeout = decisionTimeout
            self.reenableInterval = reenableInterval
        }
    }

    /// A cash-in being taken.
    struct ActiveCashIn: Hashable, Sendable {
        var transactionID: TransactionID
        var amountDue: Money
        var credited: Money = .zero
        var nextNoteIndex = 0
        var isStopping = false
        var hasReportedFailure = false
    }

    /// Where the note in the validator stands.
    enum Phase: Hashable, Sendable {
        /// In escrow, HOLDing until the session decides.
        case awaitingDecision(since: Duration)
        /// Stack decided; reading the counters before recording the intent.
        case readingCounters
        /// Intent on disk; the next POLL accepts the note.
        case accepting
        /// The accepting POLL was answered; waiting for CREDIT.
        case stacking
        /// Credited; waiting for STACKED.
        case credited
        /// Return decided and on disk; the next command is REJECT.
        case returnRequested
        /// REJECT accepted; waiting for REJECTED.
        case rejecting
        /// The note left escrow by itself (HOLD or REJECT answered F5); polling to learn where it went.
        case leftEscrow(quietPolls: Int)
    }

    /// The note in flight: `note` is `nil` for a note that arrived with no cash-in (it is only returned).
    struct NoteState: Hashable, Sendable {
        var note: NoteInFlight?
        var phase: Phase
        /// What the ledger says about it (used when the device must be asked where it went).
        var recorded: NotePhase
    }

    let configuration: Configuration
    /// The value of each accepted channel (set at connection from SETUP REQUEST).
    public internal(set) var channels: [Int: Money] = [:]
    var cashIn: ActiveCashIn?
    var closingCashIn: ActiveCashIn?
    var note: NoteState?
    var pendingCommands: [SSPCommand] = []
    /// Whether the unit answers GET COUNTERS (`nil` until asked).
    public internal(set) var hasCounters: Bool?
    /// Whether the unit is enabled, as far as replies and events tell.
    public internal(set) var isDeviceEnabled = false
    /// Whether the link is up (set by connection and failures).
    public internal(set) var isConnected = false
    /// Current faults, one of each kind.
    public internal(set) var faults: [ValidatorFault] = []
    /// The last reject reason the unit gave.
    public internal(set) var lastRejectReason: SSPRejectReason?
    /// The last counters read.
    public internal(set) var lastCounters: SSPCounters?
    /// How many REJECTED events the unit reported since start-up (returned or refused notes).
    public internal(set) var rejectedNotes = 0
    var lastEnableAttempt: Duration?
    /// Open cash-ins found in the ledger at start-up, settled at the first connection.
    var inheritedCashIns: [CashInRecord] = []

    /// Creates a machine.
    /// - Parameters:
    ///   - configuration: settings.
    ///   - inheritedCashIns: cash-ins a previous run left open (from ``CashLedger/openCashIns()``).
    public init(configuration: Configuration, inheritedCashIns: [CashInRecord] = []) {
        self.configuration = configuration
        self.inheritedCashIns = inheritedCashIns
    }

    /// The transaction taking cash now.
    public var activeTransaction: TransactionID? { self.cashIn?.transactionID }
    /// Whether a note is in the validator's path.
    public var hasNoteInFlight: Bool { self.note != nil }
    /// Whether the machine wants the unit to accept notes.
    public var wantsEnabled: Bool {
        guard let cashIn, !cashIn.isStopping, self.isConnected else { return false }
        return self.faults.isEmpty
    }

    // MARK: The session's requests

    /// Starts taking cash for a transaction.
    public mutating func start(_ transactionID: TransactionID, amountDue: Money) -> [Action] {
        if self.cashIn?.transactionID == transactionID { return [] }
        var actions: [Action] = []
        if let current = self.cashIn { actions += self.stop(current.transactionID) }
        self.cashIn = ActiveCashIn(transactionID: transactionID, amountDue: amountDue)
        actions.append(.record(.opened(transactionID, amountDue: amountDue)))
        if let fault = self.blockingFault {
            self.cashIn?.hasReportedFailure = true
            actions.append(.emit(.paymentDeviceFailed(transactionID, fault.paymentFailureNotice)))
        }
        return actions
    }

    /// The session decided to stack the note in escrow.
    public mutating func stack(_ transactionID: TransactionID, value: Money) -> [Action] {
        guard var state = self.note, let note = state.note, note.transactionID == transactionID, note.value == value,
            case .awaitingDecision = state.phase
        else { return [] }
        if self.hasCounters == false {
            state.phase = .accepting
            state.recorded = .stackIntent(counter: nil)
            self.note = state
            return [.record(.note(.stackIntent, note))]
        }
        state.phase = .readingCounters
        self.note = state
        return []
    }

    /// The session decided to return the note in escrow.
    public mutating func returnNote(_ transactionID: TransactionID, value: Money) -> [Action] {
        guard let state = self.note, let note = state.note, note.transactionID == transactionID, note.value == value else { return [] }
        switch state.phase {
        case .awaitingDecision, .readingCounters:
            return self.requestReturn(detail: "returned at the session's request")
        default:
            return []
        }
    }

    /// The session stopped taking money: a note in escrow goes back; the cash-in closes once no
    /// note of it is in flight.
    public mutating func stop(_ transactionID: TransactionID) -> [Action] {
        guard var cashIn = self.cashIn, cashIn.transactionID == transactionID else { return [] }
        cashIn.isStopping = true
        self.cashIn = nil
        self.closingCashIn = cashIn
        var actions: [Action] = []
        if let state = self.note, state.note?.transactionID == transactionID {
            switch state.phase {
            case .awaitingDecision, .readingCounters: actions += self.requestReturn(detail: "returned: payment stopped")
            default: break
            }
        }
        actions += self.closeIfSettled()
        return actions
    }

    mutating func requestReturn(detail: String) -> [Action] {
        guard var state = self.note else { return [] }
        state.phase = .returnRequested
        state.recorded = .returnIntent
        self.note = state
        guard let note = state.note else { return [] }
        return [.record(.note(.returnIntent, note, detail: detail))]
    }

    /// Closes the stopping cash-in when its note (if any) is settled: credited (STACKED only
    /// follows), returned or uncertain.
    mutating func closeIfSettled() -> [Action] {
        guard let closing = self.closingCashIn else { return [] }
        if let state = self.note, state.note?.transactionID == closing.transactionID, state.phase != .credited { return [] }
        self.closingCashIn = nil
        return [.record(.closed(closing.transactionID, credited: closing.credited))]
    }

    // MARK: The loop

    /// Time passed: returns a note nobody decided about.
    public mutating func tick(at now: Duration) -> [Action] {
        guard let state = self.note, case .awaitingDecision(let since) = state.phase, now - since >= self.configuration.decisionTimeout else {
            return []
        }
        return self.requestReturn(detail: "returned: no decision within \(self.configuration.decisionTimeout)")
    }

    /// The command to send now.
    public mutating func nextCommand(at now: Duration) -> SSPCommand {
        if !self.pendingCommands.isEmpty { return self.pendingCommands.removeFirst() }
        if let state = self.note {
            switch state.phase {
            case .awaitingDecision: return .hold
            case .readingCounters: return .getCounters
            case .returnRequested: return .reject
            case .accepting, .stacking, .credited, .rejecting, .leftEscrow: return .poll
            }
        }
        if self.wantsEnabled != self.isDeviceEnabled {
            if self.wantsEnabled {
                if let last = self.lastEnableAttempt, now - last < self.configuration.reenableInterval { return .poll }
                self.lastEnableAttempt = now
                return .enable
            }
            return .disable
        }
        return .poll
    }

    /// Whether the loop should wait a poll interval after `command` (one-shot commands go straight on).
    public static func pacesAfter(_ command: SSPCommand) -> Bool {
        command == .poll || command == .hold
    }

    /// The fault that keeps the validator from taking money, if any.
    var blockingFault: ValidatorFault? {
        if !self.isConnected { return self.faults.first ?? .noReply("the validator is not connected") }
        return self.faults.first
    }

    mutating func raise(_ fault: ValidatorFault) -> [Action] {
        self.faults.removeAll { $0.kind == fault.kind }
        self.faults.append(fault)
        return self.reportFailure(fault)
    }

    mutating func clear(_ kind: String) {
        self.faults.removeAll { $0.kind == kind }
    }

    /// Tells the session taking cash (once) that the device failed.
    mutating func reportFailure(_ fault: ValidatorFault) -> [Action] {
        guard var cashIn = self.cashIn, !cashIn.hasReportedFailure else { return [] }
        cashIn.hasReportedFailure = true
        self.cashIn = cashIn
        return [.emit(.paymentDeviceFailed(cashIn.transactionID, fault.paymentFailureNotice))]
    }

    /// Clears a fault a technician fixed (fraud suspension); the next connection re-checks the unit.
    public mutating func clearFaults() {
        self.faults.removeAll()
    }
}
