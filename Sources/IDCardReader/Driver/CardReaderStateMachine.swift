import DeviceKit
import KioskCore

/// The reader's polling logic as a pure value: inputs (the port opened, a reply arrived, a wait
/// ended) in, a ``Step`` out. It performs no I/O and reads no clock; ``IDCardReaderDriver``
/// performs each step over a ``ByteTransport``, and tests drive it synchronously.
///
/// The cycle, after the research's quirks (shared/research/idcard-sam-protocol.md §7):
/// - at start-up and after every reconnect: SAM status (11 FF), one SAM reset (10 FF) if the status
///   is bad, then the SAM ID (12 FF);
/// - then find (20 01) every poll interval; a card that answers is reported once
///   (``CardReaderEvent/cardPresented``), selected (20 02) and read (30 01 or 30 10); every retry
///   starts again at find, because find→select→read must always run in that order;
/// - after a read (or a final failure) the card counts as handled until find has missed it
///   ``CardReaderConfiguration/absentPollsBeforeRemoval`` times in a row, so it is never read twice;
/// - timeouts and garbled replies flush the line; too many in a row, or a vanished port, close
///   the port and reopen it every reconnect interval;
/// - SW3 0x60/0x66 put the reader in hardware error; the SAM is rechecked every recheck interval.
public struct CardReaderStateMachine: Sendable {
    /// What happened since the last step.
    public enum Input: Sendable {
        /// The port opened.
        case portOpened
        /// The port could not be opened.
        case portOpenFailed(TransportError)
        /// The command of the last ``Operation/exchange(_:timeout:)`` got a reply.
        case replied(SAMResponse)
        /// The command of the last exchange got no usable reply.
        case exchangeFailed(ExchangeFailure)
        /// The port vanished (unplugged, EIO, hang-up) during the last operation.
        case transportGone(TransportError)
        /// The last ``Operation/wait(_:)`` is over.
        case waited
    }

    /// Why an exchange produced no reply.
    public enum ExchangeFailure: Hashable, Sendable, CustomStringConvertible {
        /// Nothing (or only noise) arrived in time.
        case timeout(Duration)
        /// A frame arrived corrupted, or started and did not finish in time.
        case malformed(SAMFrameError)
        /// A well-formed frame that is no reply (too short).
        case unusableReply(String)
        /// Writing or reading failed for another reason than the device vanishing.
        case transport(TransportError)

        /// The failure in a technician's words.
        public var description: String {
            switch self {
            case .timeout(let after): "no reply within \(after)"
            case .malformed(let error): error.description
            case .unusableReply(let detail): detail
            case .transport(let error): error.description
            }
        }
    }

    /// The one thing to do next that yields the next input.
    public enum Operation: Hashable, Sendable {
        /// Open the port; then feed ``Input/portOpened`` or ``Input/portOpenFailed(_:)``.
        case open
        /// Send a command and wait up to `timeout` for one reply frame.
        case exchange(SAMCommand, timeout: Duration)
        /// Sleep; then feed ``Input/waited``.
        case wait(Duration)
    }

    /// Things to do before the next operation, in order.
    public enum Effect: Hashable, Sendable {
        /// Hand an event to the owner.
        case report(CardReaderEvent)
        /// Publish a changed device status.
        case publish(DeviceStatus)
        /// Throw away unread input (resynchronising after noise or a late reply).
        case discardInput
        /// Close the port.
        case closePort
    }

    /// The result of one input.
    public struct Step: Hashable, Sendable {
        /// Done first, in order.
        public var effects: [Effect]
        /// Then this.
        public var next: Operation

        /// Creates a step.
        public init(effects: [Effect], next: Operation) {
            self.effects = effects
            self.next = next
        }
    }

    enum Phase: Hashable, Sendable {
        case connecting
        case reconnecting
        case checkingSAM(SAMCheck)
        case samFaulted
        case idle
        case finding
        case selecting
        case reading
        case readingAddress(CardReadResult)
    }

    enum SAMCheck: Hashable, Sendable {
        case status, reset, statusAfterReset, identifier
    }

    enum Card: Hashable, Sendable {
        /// Nothing on the reader (as far as is known).
        case absent
        /// Presented and being read; `attempt` counts failed attempts so far.
        case reading(attempt: Int)
        /// Read (or refused); waiting for it to leave. `misses` counts finds in a row that missed it.
        case handled(misses: Int)
    }

    /// The settings.
    public let configuration: CardReaderConfiguration
    var phase: Phase = .connecting
    var card: Card = .absent
    var consecutiveFailures = 0
    var didResetSAM = false
    var samIdentifier: SAMIdentifier?
    var lastStatus: DeviceStatus?
    var pendingEffects: [Effect] = []

    /// Creates the machine.
    public init(configuration: CardReaderConfiguration) {
        self.configuration = configuration
    }

    /// The SAM's identifier, once read.
    public var samID: SAMIdentifier? { self.samIdentifier }

    /// Forgets that the card on the reader was handled: the next find that finds it reports it
    /// as newly presented and reads it (diagnostics read "the card on the reader now"). No effect
    /// while no card is known to lie there or while one is being read.
    public mutating func forgetHandledCard() {
        if case .handled = self.card { self.card = .absent }
    }

    /// The first step: open the port.
    public mutating func start() -> Step {
        self.phase = .connecting
        return Step(effects: [], next: .open)
    }

    /// Takes one input and returns what to do.
    public mutating func handle(_ input: Input) -> Step {
        self.pendingEffects = []
        let next = self.advance(input)
        defer { self.pendingEffects = [] }
        return Step(effects: self.pendingEffects, next: next)
    }

    private mutating func advance(_ input: Input) -> Operation {
        switch input {
        case .portOpened:
            self.consecutiveFailures = 0
            self.didResetSAM = false
            return self.checkSAM(.status)
        case .portOpenFailed(let error):
            self.publish(self.status(forOpenFailure: error))
            self.phase = .reconnecting
            return .wait(self.configuration.reconnectInterval)
        case .transportGone(let error):
            return self.connectionLost(self.status(forGone: error))
        case .waited:
            switch self.phase {
            case .connecting, .reconnecting:
                self.phase = .connecting
                return .open
            case .samFaulted:
                return self.checkSAM(.status)
            case .idle:
                return self.find()
            case .checkingSAM, .finding, .selecting, .reading, .readingAddress:
                preconditionFailure("Internal inconsistency: a wait ended while \(self.phase) awaited a reply")
            }
        case .replied(let response):
            return self.replied(response)
        case .exchangeFailed(let failure):
            return self.exchangeFailed(failure.description)
        }
    }

    private mutating func replied(_ response: SAMResponse) -> Operation {
        switch self.phase {
        case .checkingSAM(let check): return self.samCheckReplied(check, response)
        case .finding: return self.findReplied(response)
        case .selecting: return self.selectReplied(response)
        case .reading: return self.readReplied(response)
        case .readingAddress(let result): return self.addressReplied(result, response)
        case .connecting, .reconnecting, .samFaulted, .idle:
            preconditionFailure("Internal inconsistency: a reply arrived while \(self.phase) sent no command")
        }
    }

    // MARK: SAM checks

    mutating func checkSAM(_ check: SAMCheck) -> Operation {
        self.phase = .checkingSAM(check)
        let command: SAMCommand =
            switch check {
            case .status, .statusAfterReset: .samStatus
            case .reset: .resetSAM
            case .identifier: .readSAMID
            }
        return .exchange(command, timeout: self.configuration.commandTimeout)
    }

    private mutating func samCheckReplied(_ check: SAMCheck, _ response: SAMResponse) -> Operation {
        let category = response.status.category
        // The reset's own answer does not matter, and the SAM ID is for technicians only: a
        // reader that does not know 12 FF still works.
        if category == .exchange, check == .status || check == .statusAfterReset {
            return self.exchangeFailed("\(check) answered \(response.status)")
        }
        self.consecutiveFailures = 0
        switch check {
        case .status, .statusAfterReset:
            if response.status == .success { return self.checkSAM(.identifier) }
            if !self.didResetSAM {
                self.didResetSAM = true
                return self.checkSAM(.reset)
            }
            return self.samFaulted(response.status)
        case .reset:
            return self.checkSAM(.statusAfterReset)
        case .identifier:
            if category == .sam { return self.samFaulted(response.status) }
            if response.status == .success, let identifier = SAMIdentifier(replyData: response.data) {
                self.samIdentifier = identifier
            }
            self.publish(self.status(.online))
            return self.find()
        }
    }

    mutating func samFaulted(_ status: SAMStatus) -> Operation {
        if case .reading = self.card {
            self.report(.readFailed(.unreadable("the reader's SAM failed during the read (\(status))")))
            self.card = .handled(misses: 0)
        }
        let fault =
            status.deviceFault
            ?? DeviceFault(
                code: "sam-check-failed", summary: "the SAM status check answered \(status)",
                remediation: Remediation(.reset, "power-cycle the reader; if it persists, call the reader vendor"),
                citizenNotice: Self.citizenNotice)
        self.publish(self.status(.hardwareError, faults: [fault]))
        self.phase = .samFaulted
        return .wait(self.configuration.samRecheckInterval)
    }

    // MARK: Failures

    /// An exchange that produced nothing usable: flush, count, retry or give up on the port.
    mutating func exchangeFailed(_ detail: String) -> Operation {
        self.pendingEffects.append(.discardInput)
        self.consecutiveFailures += 1
        if self.consecutiveFailures >= self.configuration.maximumConsecutiveFailures {
            let fault = DeviceFault(
                code: "reader-not-answering",
                summary: "\(self.consecutiveFailures) exchanges in a row failed (last: \(detail))",
                remediation: Remediation(
                    .reset,
                    "check that the reader is powered and set to \(self.configuration.baudRate) baud, then power-cycle it; "
                        + "the driver reopens the port by itself"),
                citizenNotice: Self.citizenNotice)
            return self.connectionLost(self.status(.hardwareError, faults: [fault]))
        }
        switch self.phase {
        case .checkingSAM(.reset):
            return self.checkSAM(.statusAfterReset)
        case .checkingSAM(.identifier):
            self.publish(self.status(.online))
            return self.find()
        case .checkingSAM(let check):
            return self.checkSAM(check)
        case .finding, .selecting, .reading:
            if case .reading = self.card { return self.attemptFailed(.unreadable(detail)) }
            return self.idleWait()
        case .readingAddress(let result):
            return self.cardFinished(.cardRead(result))
        case .connecting, .reconnecting, .samFaulted, .idle:
            preconditionFailure("Internal inconsistency: an exchange failed while \(self.phase) sent no command")
        }
    }

    /// The port is closed (vanished or given up on): tell the owner, wait, reopen.
    mutating func connectionLost(_ status: DeviceStatus) -> Operation {
        self.pendingEffects.append(.closePort)
        if case .reading = self.card {
            self.report(.readFailed(.unreadable("the reader was disconnected during the read")))
        }
        if self.card != .absent { self.report(.cardRemoved) }
        self.card = .absent
        self.samIdentifier = nil
        self.publish(status)
        self.phase = .reconnecting
        return .wait(self.configuration.reconnectInterval)
    }

    // MARK: Effects

    mutating func report(_ event: CardReaderEvent) {
        self.pendingEffects.append(.report(event))
    }

    mutating func publish(_ status: DeviceStatus) {
        guard status != self.lastStatus else { return }
        self.lastStatus = status
        self.pendingEffects.append(.publish(status))
    }

    static let citizenNotice = LocalizedText(zh: "身份证阅读器暂不可用", en: "The ID card reader is unavailable")
}
