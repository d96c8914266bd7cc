import CashModule
import KioskCore

/// The device side of an ITL SSP banknote validator (NV9/NV200 class), as a pure model: SSP
/// commands and the passing of time go in, replies and queued poll events come out. The
/// ``BillValidatorSimulator`` actor puts it on a pseudo-terminal.
///
/// Behaviour follows the research checklist (shared/research/escpos-essp-payment.md B.12):
/// power-up disabled with every channel inhibited and `F1 E8` on the first poll; SYNC arms the
/// sequence flag and a repeated flag gets the cached reply without execution; protocol versions
/// above 8 answer FAIL; SET INHIBITS with the wrong byte count answers F3; a note scans (`EF 00`),
/// waits in escrow (`EF ch`), is stacked by the next POLL (`CC`, `EE ch`, `EB`), returned by
/// REJECT (`ED`, `EC`, reject code 08) or by the escrow timer (code 13, default 5 s), and refused
/// on an inhibited channel (code 0C); ten seconds without a command disable the unit. Events wait
/// in a queue until a poll collects them, also across the host's death (SYNC does not clear it).
public struct SimulatedBillValidator: Sendable {
    /// Where a note is in the path.
    public enum NoteStage: Hashable, Sendable {
        /// Being scanned until the deadline.
        case reading(channel: Int, until: Duration, genuine: Bool)
        /// Held in escrow since the last command that re-armed the timer.
        case escrow(channel: Int, since: Duration)
        /// Being stacked: credit at `creditAt`, stacked at `until`.
        case stacking(channel: Int, creditAt: Duration, until: Duration, credited: Bool)
        /// Being returned to the citizen.
        case rejecting(channel: Int, until: Duration, code: UInt8)
        /// Jammed inside (`safe`: beyond the citizen's reach).
        case jammed(channel: Int, safe: Bool)
    }

    /// What can be done to the unit from outside (the citizen, a technician, a test).
    public enum Fault: Hashable, Sendable {
        /// The next stacking note jams.
        case jamNextStack(safe: Bool)
        /// The next note accepted is a fraud attempt (on a string).
        case fraudNextNote
    }

    // MARK: Dataset and settings

    /// The value of each channel in yuan (channel 1 first).
    public let channelYuan: [Int64]
    /// The firmware string of SETUP REQUEST.
    public var firmware = "0100"
    /// The highest protocol version supported.
    public var maximumProtocolVersion: UInt8 = 8
    /// The factory serial number.
    public var serialNumber: UInt32 = 1_873_452
    /// Whether GET COUNTERS is supported (NV9USB yes, NV200 no).
    public var hasCounters = true
    /// Whether the unit forces encryption (every command but SYNC answers KEY NOT SET).
    public var forcesEncryption = false
    /// How long a note may wait in escrow without HOLD.
    public var escrowTimeout: Duration = .seconds(5)
    /// How long without any command before the unit disables itself.
    public var watchdog: Duration = .seconds(10)
    /// How many notes the cash box holds.
    public var cashboxCapacity = 500
    /// How long scanning, stacking and rejecting take.
    public var motionTime: Duration = .milliseconds(150)

    // MARK: State

    /// The protocol version in use.
    public internal(set) var protocolVersion: UInt8 = 4
    /// The inhibit mask (bit set = channel enabled).
    public internal(set) var inhibitMask: UInt32 = 0
    /// Whether the unit accepts notes.
    public internal(set) var isEnabled = false
    /// The note in the path.
    public internal(set) var stage: NoteStage?
    /// Channels of the notes in the cash box (credited or not).
    public internal(set) var cashbox: [Int] = []
    /// Channels of the notes given back to the citizen.
    public internal(set) var returned: [Int] = []
    /// Channels of the notes stacked without a credit (fraud).
    public internal(set) var stackedWithoutCredit: [Int] = []
    /// Whether the cash box is in place.
    public internal(set) var isCashboxPresent = true
    /// The persistent counters.
    public internal(set) var counters = SSPCounters(stacked: 0)
    /// The last reject code.
    public internal(set) var lastRejectCode: UInt8 = 0
    /// Events waiting for the next poll.
    public internal(set) var queuedEvents: [SSPPollEvent] = [.slaveReset, .disabled]
    /// Armed faults.
    public var armedFaults: [Fault] = []
    var lastSequenceFlag: Bool?
    var cachedReply: [UInt8]?
    var lastCommandAt: Duration = .zero
    var escrowReported = false
    var fraudInProgress = false

    /// Creates a unit with a CNY dataset (1/5/10/20/50/100 yuan by default), powered up.
    public init(channelYuan: [Int64] = [1, 5, 10, 20, 50, 100]) {
        self.channelYuan = channelYuan
    }

    /// The dataset as SETUP REQUEST reports it (research B.8's synthetic CNY layout).
    public var setupData: SSPSetupData {
        SSPSetupData(
            firmware: self.firmware, country: "CNY", valueMultiplier: 1, legacyValues: self.channelYuan.map { UInt8(clamping: $0) },
            security: self.channelYuan.map { _ in 2 }, realValueMultiplier: 100, protocolVersion: max(self.protocolVersion, 6),
            channelCurrencies: self.channelYuan.map { _ in "CNY" }, channelValues: self.channelYuan.map { UInt32($0) })
    }

    /// The channel of a note value, if the dataset has it.
    public func channel(of value: Money) -> Int? {
        self.channelYuan.firstIndex { $0 * 100 == value.fen }.map { $0 + 1 }
    }

    /// The value of a channel.
    public func value(ofChannel channel: Int) -> Money {
        channel >= 1 && channel <= self.channelYuan.count ? .yuan(self.channelYuan[channel - 1]) : .zero
    }

    /// Whether a channel is enabled by the host's inhibits.
    func isChannelEnabled(_ channel: Int) -> Bool {
        channel >= 1 && channel <= 32 && self.inhibitMask & (1 << UInt32(channel - 1)) != 0
    }

    // MARK: Outside world

    /// A citizen pushes a note in. Returns why it was not drawn in, or `nil`.
    public mutating func insert(channel: Int, genuine: Bool = true, at now: Duration) -> String? {
        self.advance(to: now)
        guard self.isEnabled else { return "the validator is disabled: the note is not drawn in" }
        guard self.stage == nil else { return "a note is already in the path" }
        guard channel >= 1, channel <= self.channelYuan.count else { return "no such channel \(channel)" }
        self.stage = .reading(channel: channel, until: now + self.motionTime, genuine: genuine)
        return nil
    }

    /// The cash box is taken out or put back.
    public mutating func setCashbox(present: Bool, at now: Duration) {
        self.advance(to: now)
        guard present != self.isCashboxPresent else { return }
        self.isCashboxPresent = present
        if present {
            self.queuedEvents.append(.cashboxReplaced)
        } else {
            self.queuedEvents.append(.cashboxRemoved)
            self.isEnabled = false
        }
    }

    /// The cash box is emptied (notes counted out by staff).
    public mutating func emptyCashbox() -> [Int] {
        defer { self.cashbox = [] }
        return self.cashbox
    }

    /// Power is cut and restored: settings are lost; a note in escrow is pushed back out, a note
    /// being stacked finishes into the cash box (GA138 events E1 / E2; research B.7).
    public mutating func powerCycle(at now: Duration) {
        var events: [SSPPollEvent] = [.slaveReset, .disabled]
        switch self.stage {
        case .reading(let channel, _, _), .escrow(let channel, _), .rejecting(let channel, _, _):
            self.returned.append(channel)
            events.append(.noteClearedFromFront(channel: UInt8(channel)))
        case .stacking(let channel, _, _, let credited):
            self.cashbox.append(channel)
            if !credited { self.counters.stacked &+= 1 }
            events.append(.noteClearedIntoCashbox(channel: UInt8(channel)))
        case .jammed, nil:
            break
        }
        if case .jammed = self.stage {} else { self.stage = nil }
        self.queuedEvents = events
        self.isEnabled = false
        self.inhibitMask = 0
        self.protocolVersion = 4
        self.lastSequenceFlag = nil
        self.cachedReply = nil
        self.lastCommandAt = now
    }

    /// A technician clears a jam: the jammed note comes out (they keep it for the voucher).
    public mutating func clearJam() -> Int? {
        guard case .jammed(let channel, _) = self.stage else { return nil }
        self.stage = nil
        return channel
    }
}

extension SimulatedBillValidator {
    /// Test set-up: a note on `channel` was stacked and credited, and its CREDIT event was
    /// already collected by a host that died before it could write it down.
    public mutating func simulateSwallowedCredit(channel: Int, stackedCounterBefore: UInt32) {
        self.counters.stacked = stackedCounterBefore &+ 1
        self.cashbox.append(channel)
        self.queuedEvents = []
        self.stage = nil
    }
}
