import DeviceKit
import Foundation
import KioskCore
import Logging

/// Drives a serial payment-code scanner (USB CDC-ACM or RS-232, CR/LF suffix; research C.2):
/// reads codes, drops a repeat of the same code within the debounce window (a phone held under
/// the scanner is read many times), and reports the port's state. Codes are logged masked.
public actor PaymentCodeScannerDriver {
    /// What the scanner reports.
    public enum Event: Hashable, Sendable {
        /// A code was read (not yet classified).
        case scanned(String)
        /// The scanner's status changed.
        case status(DeviceStatus)
    }

    /// Opens the port (again after an unplug).
    public typealias TransportOpener = @Sendable () throws(TransportError) -> any ByteTransport

    /// Scans and status changes.
    public nonisolated let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    /// Copies of ``events`` for other watchers (diagnostics); see ``observeEvents()``.
    private let observers = EventObservers<Event>()
    private let devicePath: String
    private let model: String?
    private let openTransport: TransportOpener
    private var decoder: ScannedLineDecoder
    private let debounce: Duration
    private let reconnectInterval: Duration
    private var lastCode: (code: String, at: Duration)?
    private var published: DeviceStatus?
    private let clock = ContinuousClock()
    private let startedAt: ContinuousClock.Instant
    private let logger: Logger

    /// Creates a driver for a serial scanner at `devicePath` (8N1).
    public init(
        devicePath: String, model: String? = nil, baudRate: Int = 9600, interCharacterTimeout: Duration = .milliseconds(100),
        debounce: Duration = .seconds(2), reconnectInterval: Duration = .seconds(2), logger: Logger = Logger(label: "onetrip.cash.scanner")
    ) {
        self.init(
            devicePath: devicePath, model: model, interCharacterTimeout: interCharacterTimeout, debounce: debounce,
            reconnectInterval: reconnectInterval, logger: logger, openTransport: Self.serialOpener(path: devicePath, baudRate: baudRate))
    }

    /// Creates a driver over any transport.
    public init(
        devicePath: String, model: String? = nil, interCharacterTimeout: Duration = .milliseconds(100), debounce: Duration = .seconds(2),
        reconnectInterval: Duration = .seconds(2), logger: Logger = Logger(label: "onetrip.cash.scanner"), openTransport: @escaping TransportOpener
    ) {
        self.devicePath = devicePath
        self.model = model
        self.openTransport = openTransport
        self.decoder = ScannedLineDecoder(interCharacterTimeout: interCharacterTimeout)
        self.debounce = debounce
        self.reconnectInterval = reconnectInterval
        self.logger = logger
        (self.events, self.continuation) = AsyncStream.makeStream(of: Event.self)
        self.startedAt = self.clock.now
    }

    private static func serialOpener(path: String, baudRate: Int) -> TransportOpener {
        { () throws(TransportError) -> any ByteTransport in try SerialPort.open(path: path, baudRate: baudRate) }
    }

    /// Creates a driver from a payment-code-scanner profile.
    public init(profile: DeviceProfile, devicePath: String, logger: Logger = Logger(label: "onetrip.cash.scanner")) {
        var baudRate = 9600
        if case .serial(let rate) = profile.transport { baudRate = rate }
        var timeout = Duration.milliseconds(100)
        if case .paymentCodeScanner(let capabilities) = profile.capabilities { timeout = capabilities.interCharacterTimeout }
        self.init(devicePath: devicePath, model: profile.model, baudRate: baudRate, interCharacterTimeout: timeout, logger: logger)
    }

    private var uptime: Duration { self.clock.now - self.startedAt }

    /// Reads codes until the task is cancelled, reopening the port after an unplug.
    public func run() async {
        while !Task.isCancelled {
            let transport: any ByteTransport
            do {
                transport = try self.openTransport()
            } catch {
                self.publish(.powerOff, fault: "cannot open \(self.devicePath): \(error)")
                try? await Task.sleep(for: self.reconnectInterval)
                continue
            }
            self.publish(.online, fault: nil)
            await self.read(from: transport)
            transport.close()
        }
        self.continuation.finish()
        self.observers.finish()
    }

    /// A stream of every scan and status change from now on, besides ``events`` (which its
    /// owner consumes): for diagnostics and other watchers. Ends when ``run()`` ends.
    public nonisolated func observeEvents() -> AsyncStream<Event> {
        self.observers.subscribe()
    }

    /// What citizens are told while the scanner is out.
    static let citizenNotice = LocalizedText(zh: "扫码支付暂停使用，请使用现金支付", en: "Payment codes are unavailable. Please pay in cash.")

    /// The status last published; `nil` until the driver first tried to open the port.
    public var status: DeviceStatus? { self.published }

    /// The port the driver reads.
    public nonisolated var path: String { self.devicePath }

    private func read(from transport: any ByteTransport) async {
        while !Task.isCancelled {
            do {
                let bytes = try await transport.read(maximumCount: 256, timeout: self.decoder.interCharacterTimeout)
                for code in self.decoder.append(bytes, at: self.uptime) { self.deliver(code) }
            } catch {
                switch error {
                case .timeout:
                    for code in self.decoder.flush(at: self.uptime) { self.deliver(code) }
                case .cancelled:
                    return
                default:
                    self.publish(.powerOff, fault: error.description)
                    try? await Task.sleep(for: self.reconnectInterval)
                    return
                }
            }
        }
    }

    private func deliver(_ code: String) {
        let now = self.uptime
        if let last = self.lastCode, last.code == code, now - last.at < self.debounce {
            self.lastCode = (code, now)
            return
        }
        self.lastCode = (code, now)
        self.logger.info("scanned", metadata: ["code": "\(PersonalDataMask.paymentCode(code))"])
        self.continuation.yield(.scanned(code))
        self.observers.yield(.scanned(code))
    }

    private func publish(_ availability: DeviceAvailability, fault: String?) {
        let faults = fault.map {
            [
                DeviceFault(
                    code: "disconnected", summary: $0, remediation: Remediation(.reset, "reconnect the scanner's USB cable"),
                    citizenNotice: Self.citizenNotice)
            ]
        } ?? []
        let status = DeviceStatus(role: .paymentCodeScanner, deviceID: self.devicePath, model: self.model, availability: availability, faults: faults)
        guard status != self.published else { return }
        self.published = status
        self.continuation.yield(.status(status))
        self.observers.yield(.status(status))
    }
}
