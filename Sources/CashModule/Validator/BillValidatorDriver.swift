import DeviceKit
import Foundation
import KioskCore
import Logging

/// Drives one ITL SSP banknote validator (NV9, NV10, NV200 class): connects and sets it up,
/// settles any note a previous run or a lost link left in flight, then runs the poll loop,
/// holding notes in escrow while the session decides, and reports payment events and status.
///
/// The actor owns the port and the cash-in ledger; every SSP exchange happens in ``run()``'s
/// single loop, so commands are never interleaved. The session's decisions (``stack(_:value:)``,
/// ``returnNote(_:value:)``) only change the ``BillValidatorMachine``; ledger lines are written
/// synchronously inside the actor, so the stack intent is on disk before the loop can send the
/// accepting POLL.
///
/// ```swift
/// let driver = try BillValidatorDriver(configuration: config, ledgerPath: "/var/lib/onetrip/kiosk.sqlite")
/// Task { await driver.run() }
/// for await event in driver.events { … event.sessionEvent … }
/// ```
public actor BillValidatorDriver {
    /// The driver's own thread: ledger lines are fsynced inside the actor, off the cooperative pool.
    private nonisolated let executor = DedicatedThreadExecutor(name: "onetrip-validator")
    /// Runs the actor on ``executor``.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { self.executor.asUnownedSerialExecutor() }

    /// Opens the port (called again after an unplug).
    public typealias TransportOpener = @Sendable () throws(TransportError) -> any ByteTransport

    /// Payment events and status changes, in order.
    public nonisolated let events: AsyncStream<PaymentEvent>
    private let continuation: AsyncStream<PaymentEvent>.Continuation
    /// Copies of ``events`` for other watchers (diagnostics); see ``observeEvents()``.
    let observers = EventObservers<PaymentEvent>()
    /// The settings.
    public nonisolated let configuration: BillValidatorConfiguration
    let openTransport: TransportOpener
    let ledger: CashLedger
    var machine: BillValidatorMachine
    var link: SSPLink?
    var needsConnection = true
    var details: [String: String] = [:]
    private var publishedStatus: DeviceStatus?
    private let clock = ContinuousClock()
    private let startedAt: ContinuousClock.Instant
    let logger: Logger

    /// Creates a driver over the serial port named in the configuration (9600 8N2).
    /// - Throws: ``SQLiteError`` or ``MigrationError`` when the ledger cannot be opened.
    public init(configuration: BillValidatorConfiguration, ledgerPath: String, logger: Logger = Logger(label: "onetrip.cash.validator")) throws {
        let path = configuration.devicePath
        try self.init(configuration: configuration, ledgerPath: ledgerPath, logger: logger) { () throws(TransportError) -> any ByteTransport in
            try SerialPort.open(path: path, baudRate: BillValidatorConfiguration.baudRate, twoStopBits: true)
        }
    }

    /// Creates a driver over any transport.
    /// - Throws: ``SQLiteError`` or ``MigrationError`` when the ledger cannot be opened.
    public init(
        configuration: BillValidatorConfiguration, ledgerPath: String, logger: Logger = Logger(label: "onetrip.cash.validator"),
        openTransport: @escaping TransportOpener
    ) throws {
        let ledger = try CashLedger(path: ledgerPath)
        let inherited = try ledger.openCashIns()
        self.ledger = ledger
        self.configuration = configuration
        self.openTransport = openTransport
        self.logger = logger
        self.machine = BillValidatorMachine(
            configuration: .init(acceptedNotes: configuration.acceptedNotes, decisionTimeout: configuration.decisionTimeout),
            inheritedCashIns: inherited)
        (self.events, self.continuation) = AsyncStream.makeStream(of: PaymentEvent.self)
        self.startedAt = self.clock.now
    }

    // MARK: The session's requests

    /// Enables the validator for a transaction.
    public func startCashIn(_ transactionID: TransactionID, amountDue: Money) {
        self.perform(self.machine.start(transactionID, amountDue: amountDue))
    }

    /// Stacks the note in escrow (the intent is written to the ledger first).
    public func stack(_ transactionID: TransactionID, value: Money) {
        self.perform(self.machine.stack(transactionID, value: value))
    }

    /// Returns the note in escrow to the citizen.
    public func returnNote(_ transactionID: TransactionID, value: Money) {
        self.perform(self.machine.returnNote(transactionID, value: value))
    }

    /// Stops taking cash: a note in escrow goes back, and the validator is disabled.
    public func stopCashIn(_ transactionID: TransactionID) {
        self.perform(self.machine.stop(transactionID))
    }

    /// Clears faults a technician has dealt with (a fraud suspension) and reconnects.
    public func clearFaults() {
        self.machine.clearFaults()
        self.needsConnection = true
    }

    /// The status as last published.
    public var status: DeviceStatus { self.publishedStatus ?? self.makeStatus() }

    // MARK: The loop

    /// Runs until the task is cancelled: connects (and reconnects), then polls.
    public func run() async {
        while !Task.isCancelled {
            if self.needsConnection {
                await self.connect()
                self.publishStatus()
                if self.needsConnection {
                    try? await Task.sleep(for: self.configuration.reconnectInterval)
                    continue
                }
            }
            guard let link = self.link else {
                self.needsConnection = true
                continue
            }
            self.perform(self.machine.tick(at: self.uptime))
            let command = self.machine.nextCommand(at: self.uptime)
            do {
                let response = try await link.execute(command)
                self.perform(self.machine.replyReceived(response, to: command, at: self.uptime))
            } catch {
                self.logger.warning("validator link failed", metadata: ["command": "\(command)", "error": "\(error)"])
                self.perform(self.machine.linkFailed(error, at: self.uptime))
            }
            self.publishStatus()
            if BillValidatorMachine.pacesAfter(command) {
                do { try await Task.sleep(for: self.configuration.pollInterval) } catch { break }
            }
        }
        await self.shutDown()
    }

    /// Returns a note still waiting for a decision, disables the unit and closes the port.
    private func shutDown() async {
        if let link = self.link, self.machine.isConnected {
            if let transaction = self.machine.activeTransaction { self.perform(self.machine.stop(transaction)) }
            if self.machine.nextCommand(at: self.uptime) == .reject {
                _ = try? await link.execute(.reject)
            }
            _ = try? await link.execute(.disable)
        }
        self.link?.transport.close()
        self.link = nil
        self.continuation.finish()
        self.observers.finish()
    }

    /// Time since the driver was created, for the machine's deadlines.
    private var uptime: Duration { self.clock.now - self.startedAt }

    // MARK: Actions

    /// Performs the machine's actions in order; a ledger line that cannot be written stops the
    /// rest (no money may move on an unwritten decision), except that money already taken is
    /// still reported.
    func perform(_ actions: [BillValidatorMachine.Action]) {
        var index = 0
        while index < actions.count {
            let action = actions[index]
            index += 1
            switch action {
            case .record(let entry):
                do {
                    if try !self.ledger.append(entry) {
                        self.logger.notice("duplicate credit ignored by the ledger", metadata: ["entry": "\(entry)"])
                    }
                    self.logger.info("cash ledger", metadata: ["line": "\(entry)"])
                } catch {
                    self.logger.critical("cash ledger write failed", metadata: ["entry": "\(entry)", "error": "\(error)"])
                    let moneyMoved = entry.kind == .credited || entry.kind == .unexpectedCredit
                    let failure = self.machine.ledgerFailed(error.description)
                    if !moneyMoved {
                        self.perform(failure)
                        return
                    }
                    self.perform(failure)
                }
            case .emit(let event):
                self.logger.info("payment event", metadata: ["event": "\(event)"])
                self.continuation.yield(event)
                self.observers.yield(event)
            case .reconnect:
                self.needsConnection = true
            }
        }
    }

    private func publishStatus() {
        let status = self.makeStatus()
        guard status != self.publishedStatus else { return }
        self.publishedStatus = status
        self.continuation.yield(.deviceStatusChanged(status))
        self.observers.yield(.deviceStatusChanged(status))
    }

    private func makeStatus() -> DeviceStatus {
        var details = self.details
        if let counters = self.machine.lastCounters { details["counters"] = counters.description }
        if let reason = self.machine.lastRejectReason { details["last-reject"] = reason.description }
        if let transaction = self.machine.activeTransaction { details["transaction"] = transaction.description }
        let channels = self.machine.channels.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        if !channels.isEmpty { details["channels"] = channels.joined(separator: " ") }
        let faults = self.machine.faults
        let availability: DeviceAvailability
        if let first = faults.first {
            availability = first.availability
        } else if !self.machine.isConnected {
            availability = .offline
        } else {
            availability = self.machine.hasNoteInFlight || self.machine.activeTransaction != nil ? .busy : .online
        }
        return DeviceStatus(
            role: .billValidator, deviceID: details["serial"] ?? self.configuration.devicePath, model: self.configuration.model,
            availability: availability, faults: faults.map(\.deviceFault), details: details)
    }
}
