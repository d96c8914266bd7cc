import CashModule
import DeviceKit
import Foundation
import KioskCore

/// An ITL SSP banknote validator on a pseudo-terminal: a ``SimulatedBillValidator`` behind a
/// ``SimulatedSerialLink`` at 9600 baud, with faults a test or a technician injects (notes, jams,
/// fraud, cash box, power cycle, silence, corrupted or dropped replies).
///
/// The simulator keeps its state while drivers come and go, so a test can kill a driver
/// process mid-payment, start a new one and check the cash box against the ledger.
public actor BillValidatorSimulator {
    /// The serial link drivers open.
    public nonisolated let link: SimulatedSerialLink
    var device: SimulatedBillValidator
    private var decoder = SSPFrameDecoder()
    private var isSilent = false
    private var trap: (code: UInt8?, beforeExecuting: Bool, arming: TrapArming)?
    private var trapWaiters: [CheckedContinuation<Void, Never>] = []
    private var hasTrapFired = false
    private var corruptNextReply = false
    private var dropNextReply = false
    private var tasks: [Task<Void, Never>] = []
    private let clock = ContinuousClock()
    private let startedAt: ContinuousClock.Instant
    /// The most recent frames received from drivers (for tests that count retransmissions).
    public private(set) var receivedFrames: [SSPFrame] = []
    /// How many frames ``receivedFrames`` keeps.
    static let keptFrames = 10_000

    /// Creates a simulator and plugs its link in.
    /// - Parameters:
    ///   - symlinkPath: a stable path for drivers (`/dev/onetrip/validator` in the demo).
    ///   - isPaced: whether replies take their real wire time at 9600 baud.
    ///   - device: the unit's dataset and settings.
    public init(symlinkPath: String? = nil, isPaced: Bool = true, device: SimulatedBillValidator = SimulatedBillValidator()) throws(TransportError) {
        self.link = try SimulatedSerialLink(symlinkPath: symlinkPath, baudRate: BillValidatorConfiguration.baudRate, isPaced: isPaced)
        self.device = device
        self.startedAt = self.clock.now
    }

    /// Starts answering and lets the unit's timers run.
    public func start() {
        guard self.tasks.isEmpty else { return }
        self.tasks.append(Task { await self.serve() })
        self.tasks.append(Task { await self.runTimers() })
    }

    /// Stops the simulator and unplugs the link.
    public func stop() {
        for task in self.tasks { task.cancel() }
        self.tasks = []
        self.link.unplug()
        self.resumeTrapWaiters()
    }

    /// Time since start, the unit's clock.
    var now: Duration { self.clock.now - self.startedAt }

    private func runTimers() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
            self.device.advance(to: self.now)
        }
    }

    private func serve() async {
        while !Task.isCancelled {
            let bytes: [UInt8]
            do {
                bytes = try await self.link.receive(maximumCount: 1024, timeout: .seconds(1))
            } catch {
                if case .timeout = error { continue }
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            self.decoder.append(bytes)
            while true {
                let frame: SSPFrame?
                do {
                    frame = try self.decoder.nextFrame()
                } catch {
                    continue
                }
                guard let frame else { break }
                await self.handle(frame)
            }
        }
    }

    private func handle(_ frame: SSPFrame) async {
        self.receivedFrames.append(frame)
        if self.receivedFrames.count > Self.keptFrames { self.receivedFrames.removeFirst(self.receivedFrames.count - Self.keptFrames) }
        guard !self.isSilent else { return }
        if let trap = self.trap, trap.arming == .now, trap.code == nil || frame.data.first == trap.code {
            self.trap = nil
            if !trap.beforeExecuting { _ = self.device.receive(frame, at: self.now) }
            self.isSilent = true
            self.hasTrapFired = true
            self.resumeTrapWaiters()
            return
        }
        guard let reply = self.device.receive(frame, at: self.now) else { return }
        if let trap = self.trap {
            switch trap.arming {
            case .afterAnswering(let command) where frame.data.first == command.code:
                self.trap?.arming = .now
            case .afterReportingCredit where frame.data.first == SSPCommand.poll.code && Self.events(in: reply).contains { if case .credit = $0 { true } else { false } }:
                self.trap?.arming = .now
            case .afterReportingEscrow where frame.data.first == SSPCommand.poll.code && Self.events(in: reply).contains { if case .escrowed = $0 { true } else { false } }:
                self.trap?.arming = .now
            default: break
            }
        }
        if self.dropNextReply {
            self.dropNextReply = false
            return
        }
        var bytes = reply.encoded()
        if self.corruptNextReply {
            self.corruptNextReply = false
            bytes[bytes.count - 1] ^= 0x5A
        }
        try? await self.link.send(bytes)
    }

    private func resumeTrapWaiters() {
        for waiter in self.trapWaiters { waiter.resume() }
        self.trapWaiters = []
    }

    // MARK: Control

    /// A snapshot of the unit (cash box, returned notes, stage, counters).
    public var state: SimulatedBillValidator {
        self.device.advance(to: self.now)
        return self.device
    }

    /// Changes the unit's settings or state directly (tests).
    public func configure(_ change: @Sendable (inout SimulatedBillValidator) -> Void) {
        change(&self.device)
    }

    /// A citizen inserts a note of `value` (`genuine: false` for one the unit refuses).
    /// - Returns: why it was not drawn in, or `nil`.
    public func insert(_ value: Money, genuine: Bool = true) -> String? {
        guard let channel = self.device.channel(of: value) else { return "the dataset has no \(value) note" }
        return self.device.insert(channel: channel, genuine: genuine, at: self.now)
    }

    /// Stops (or resumes) answering anything.
    public func setSilent(_ silent: Bool) {
        self.isSilent = silent
        if !silent { self.hasTrapFired = false }
    }

    /// When a trap starts watching.
    public enum TrapArming: Hashable, Sendable {
        /// From now on.
        case now
        /// Once a `command` has been answered.
        case afterAnswering(SSPCommand)
        /// Once a poll reply carried a CREDIT.
        case afterReportingCredit
        /// Once a poll reply reported a note in escrow (READ with a channel).
        case afterReportingEscrow
    }

    private static func events(in reply: SSPFrame) -> [SSPPollEvent] {
        guard reply.data.first == SSPResponseCode.ok.rawValue else { return [] }
        return (try? SSPPollEvent.parse(Array(reply.data.dropFirst()))) ?? []
    }

    /// Goes silent at the next `command` (any command when `nil`), before executing it
    /// (`beforeExecuting`) or right after executing it, without answering. Lets a test freeze a
    /// driver at an exact step of a cash-in.
    public func trap(_ command: SSPCommand?, beforeExecuting: Bool, arming: TrapArming = .now) {
        self.trap = (command?.code, beforeExecuting, arming)
        self.hasTrapFired = false
    }

    /// Waits until the armed trap fired (or the simulator stopped).
    public func waitForTrap() async {
        if self.hasTrapFired || self.tasks.isEmpty { return }
        await withCheckedContinuation { self.trapWaiters.append($0) }
    }

    /// Whether a dropped or corrupted reply is still armed.
    public var hasArmedReplyFault: Bool { self.corruptNextReply || self.dropNextReply }

    /// Corrupts the CRC of the next reply.
    public func corruptNext() { self.corruptNextReply = true }

    /// Executes the next command but drops its reply (the driver must re-send it with the same sequence flag).
    public func dropNext() { self.dropNextReply = true }

    /// Takes the cash box out or puts it back.
    public func setCashbox(present: Bool) { self.device.setCashbox(present: present, at: self.now) }

    /// Cuts power and restores it.
    public func powerCycle() { self.device.powerCycle(at: self.now) }

    /// Arms a fault.
    public func arm(_ fault: SimulatedBillValidator.Fault) { self.device.armedFaults.append(fault) }

    /// Waits until the unit is in a state `condition` accepts, checking every 10 ms, at most `timeout`.
    /// - Returns: whether the condition held in time.
    @discardableResult
    public func waitUntil(timeout: Duration = .seconds(10), _ condition: @Sendable (SimulatedBillValidator) -> Bool) async -> Bool {
        let deadline = self.clock.now + timeout
        while self.clock.now < deadline {
            if condition(self.state) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self.state)
    }
}
