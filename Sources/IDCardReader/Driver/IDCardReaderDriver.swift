import DeviceKit
import KioskCore
import Logging

/// The ID card reader driver: an actor that owns one port and performs the steps of a
/// ``CardReaderStateMachine`` over it, until its ``run()`` task is cancelled.
///
/// ```swift
/// let driver = IDCardReaderDriver(configuration: CardReaderConfiguration(devicePath: "/dev/onetrip/idcard"))
/// let task = Task { await driver.run() }
/// for await event in driver.events {
///     switch event {
///     case .cardPresented: session.handle(.cardPresented, at: now)
///     case .cardRead(let result): session.handle(.cardRead(CardReading(identity: result.identity, citizenKey: key)), at: now)
///     case .readFailed(let rejection): session.handle(.cardReadFailed(rejection), at: now)
///     case .cardRemoved: break
///     }
/// }
/// ```
///
/// ``events`` and ``statusUpdates`` are single-consumer streams. Logs carry masked identities only;
/// the photo and fingerprints are never logged.
public actor IDCardReaderDriver {
    /// Opens the transport; by default the configured serial port, exclusive, raw 8N1.
    public typealias Connector = @Sendable (CardReaderConfiguration) async throws(TransportError) -> any ByteTransport

    /// Card events, in order.
    public nonisolated let events: AsyncStream<CardReaderEvent>
    /// Every change of the reader's status (online, busy, no device, hardware error…).
    public nonisolated let statusUpdates: AsyncStream<DeviceStatus>
    /// The latest status (no device until the port is open and the SAM answered).
    public private(set) var status: DeviceStatus
    /// The port and polling settings.
    public nonisolated let configuration: CardReaderConfiguration
    /// Copies of ``events`` for other watchers (diagnostics); see ``observeEvents()``.
    let observers = EventObservers<CardReaderEvent>()

    private let eventContinuation: AsyncStream<CardReaderEvent>.Continuation
    private let statusContinuation: AsyncStream<DeviceStatus>.Continuation
    private let connector: Connector
    private var machine: CardReaderStateMachine
    private var transport: (any ByteTransport)?
    private var decoder = SAMFrameDecoder()
    private let logger: Logger

    /// Creates a driver; nothing happens until ``run()``.
    /// - Parameters:
    ///   - configuration: the port and the polling settings.
    ///   - logger: where status changes and exchange failures go (masked).
    ///   - connector: how to open the port (a TCP serial bridge, or a test's own); defaults to ``serialConnector``.
    public init(
        configuration: CardReaderConfiguration, logger: Logger = Logger(label: "onetrip.idcard"),
        connector: @escaping Connector = IDCardReaderDriver.serialConnector
    ) {
        self.machine = CardReaderStateMachine(configuration: configuration)
        self.configuration = configuration
        self.connector = connector
        self.logger = logger
        self.status = Self.notStarted
        (self.events, self.eventContinuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
        (self.statusUpdates, self.statusContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    /// The status before the port was opened and the SAM answered for the first time.
    static let notStarted = DeviceStatus.noDevice(.idCardReader, reason: "the reader driver has not started")

    /// Whether the driver has reported on the reader at least once (port opened and SAM
    /// checked, or why not).
    public var hasReported: Bool { self.status != Self.notStarted }

    /// Opens `configuration.devicePath` with ``SerialPort/open(path:baudRate:exclusive:)``.
    public static let serialConnector: Connector = { configuration throws(TransportError) in
        try SerialPort.open(path: configuration.devicePath, baudRate: configuration.baudRate, exclusive: true)
    }

    /// Runs the reader until the calling task is cancelled; then closes the port and ends both streams.
    public func run() async {
        defer {
            self.transport?.close()
            self.transport = nil
            self.eventContinuation.finish()
            self.statusContinuation.finish()
            self.observers.finish()
        }
        var step = self.machine.start()
        while !Task.isCancelled {
            self.perform(step.effects)
            let input: CardReaderStateMachine.Input
            switch step.next {
            case .open:
                input = await self.open()
            case .exchange(let command, let timeout):
                input = await self.exchange(command, timeout: timeout)
            case .wait(let duration):
                do {
                    try await Task.sleep(for: duration)
                } catch {
                    return
                }
                input = .waited
            }
            if Task.isCancelled { return }
            step = self.machine.handle(input)
        }
    }

    /// See ``readCardAgain()``.
    func forgetHandledCard() {
        self.machine.forgetHandledCard()
    }

    private func perform(_ effects: [CardReaderStateMachine.Effect]) {
        for effect in effects {
            switch effect {
            case .report(let event):
                self.logger.info("\(event)")
                self.eventContinuation.yield(event)
                self.observers.yield(event)
            case .publish(let status):
                self.logger.notice("status \(status)")
                self.status = status
                self.statusContinuation.yield(status)
            case .discardInput:
                self.transport?.discardInput()
                self.decoder.reset()
            case .closePort:
                self.transport?.close()
                self.transport = nil
            }
        }
    }

    private func open() async -> CardReaderStateMachine.Input {
        do {
            self.transport = try await self.connector(self.machine.configuration)
            self.decoder = SAMFrameDecoder()
            return .portOpened
        } catch {
            return .portOpenFailed(error)
        }
    }

    /// Sends one command and waits for one reply frame, skipping noise before it.
    private func exchange(_ command: SAMCommand, timeout: Duration) async -> CardReaderStateMachine.Input {
        guard let transport = self.transport else { return .transportGone(.closed(name: self.machine.configuration.devicePath)) }
        self.decoder.reset()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        do {
            try await transport.write(command.encoded, timeout: timeout)
        } catch {
            return self.failure(error, command: command, timeout: timeout)
        }
        while true {
            do {
                if let frame = try self.decoder.nextFrame() {
                    do {
                        return .replied(try SAMResponse(frame: frame))
                    } catch {
                        return self.logged(.exchangeFailed(.unusableReply(error.description)), command)
                    }
                }
            } catch {
                return self.logged(.exchangeFailed(.malformed(error)), command)
            }
            let left = deadline - clock.now
            do throws(TransportError) {
                guard left > .zero else { throw .timeout(name: transport.name, after: timeout) }
                self.decoder.append(try await transport.read(maximumCount: 8192, timeout: left))
            } catch {
                if case .timeout = error {
                    do {
                        _ = try self.decoder.finish()
                    } catch {
                        return self.logged(.exchangeFailed(.malformed(error)), command)
                    }
                    return self.logged(.exchangeFailed(.timeout(timeout)), command)
                }
                return self.failure(error, command: command, timeout: timeout)
            }
        }
    }

    private func failure(_ error: TransportError, command: SAMCommand, timeout: Duration) -> CardReaderStateMachine.Input {
        switch error {
        case .timeout: return self.logged(.exchangeFailed(.timeout(timeout)), command)
        case .gone, .closed, .ioError: return self.logged(.transportGone(error), command)
        default: return self.logged(.exchangeFailed(.transport(error)), command)
        }
    }

    private func logged(_ input: CardReaderStateMachine.Input, _ command: SAMCommand) -> CardReaderStateMachine.Input {
        switch input {
        case .exchangeFailed(let failure): self.logger.warning("\(command.name.en): \(failure)")
        case .transportGone(let error): self.logger.warning("\(command.name.en): \(error)")
        default: break
        }
        return input
    }
}
