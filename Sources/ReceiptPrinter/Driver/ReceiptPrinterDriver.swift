import DeviceKit
import KioskCore
import Logging

/// Drives one ESC/POS receipt printer: prints receipts and reports the printer's health.
///
/// Each job (and each status check) opens its own connection and closes it afterwards, and jobs
/// run one at a time. A job goes:
/// 1. encode the document for the profile (an unencodable document fails before any I/O);
/// 2. connect, then `DLE EOT 1…4`: a printer that is not ready fails the job with nothing sent;
/// 3. send the job (which ends with its feed and cut), then `GS r 1`, whose reply means the
///    printer processed everything up to and including the cut; while waiting, `DLE EOT`
///    polling notices a printer that stopped (paper ran out, cover opened, cutter jammed);
/// 4. `DLE EOT 1…4` again after the cut, so the published status is current.
///
/// Every status the driver learns is published on ``statusUpdates`` as a ``DeviceStatus`` with
/// faults and remediation.
public actor ReceiptPrinterDriver {
    /// The configuration.
    public nonisolated let configuration: ReceiptPrinterConfiguration
    /// Every change of the printer's status, starting with the initial "not checked yet".
    public nonisolated let statusUpdates: AsyncStream<DeviceStatus>
    private let statusContinuation: AsyncStream<DeviceStatus>.Continuation
    /// The last status published.
    public private(set) var status: DeviceStatus
    private let logger: Logger
    private var isBusy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Creates a driver. Nothing is opened until the first job or status check.
    public init(configuration: ReceiptPrinterConfiguration, logger: Logger = Logger(label: "onetrip.receipt-printer")) {
        self.configuration = configuration
        self.logger = logger
        let (stream, continuation) = AsyncStream.makeStream(of: DeviceStatus.self, bufferingPolicy: .bufferingNewest(32))
        self.statusUpdates = stream
        self.statusContinuation = continuation
        let initial = DeviceStatus(
            role: .receiptPrinter, deviceID: configuration.deviceID, model: configuration.model, availability: .offline,
            details: ["status": "not checked yet"])
        self.status = initial
        continuation.yield(initial)
    }

    deinit { self.statusContinuation.finish() }

    // MARK: Printing

    /// Lays out and prints a session's receipt job.
    /// - Throws: ``ReceiptPrintFailure``; its ``ReceiptPrintFailure/printFailure`` is what the
    ///   session's `receiptPrintFailed` event carries.
    public func print(_ job: ReceiptJob, context: ReceiptPrintContext) async throws(ReceiptPrintFailure) -> ReceiptPrintReport {
        let document = StandardReceipt.document(for: job, context: context, columns: self.configuration.capabilities.columns)
        do {
            let report = try await self.print(document)
            // Only the count of replaced characters: they may come from a citizen's name.
            self.logger.info(
                "receipt printed",
                metadata: [
                    "transaction": "\(job.transactionID)", "kind": "\(job.kind.rawValue)", "bytes": "\(report.bytesSent)",
                    "substituted": "\(report.substituted.count)",
                ])
            return report
        } catch {
            self.logger.error(
                "receipt failed", metadata: ["transaction": "\(job.transactionID)", "reason": "\(error)", "partial": "\(error.mayHavePrintedPartially)"])
            throw error
        }
    }

    /// Prints a document.
    /// - Throws: ``ReceiptPrintFailure``.
    public func print(_ document: ReceiptDocument) async throws(ReceiptPrintFailure) -> ReceiptPrintReport {
        await self.acquire()
        defer { self.release() }
        let clock = ContinuousClock()
        let start = clock.now
        let capabilities = self.configuration.capabilities
        let encoded: ESCPOSEncoder.Output
        do {
            encoded = try ESCPOSEncoder(capabilities: capabilities, unencodable: self.configuration.unencodableCharacters).encode(document)
        } catch {
            throw .unencodable(error)
        }
        let transport = try await self.connect()
        defer { transport.close() }
        let exchange = StatusExchange(transport: transport)

        if capabilities.hasRealTimeStatus {
            let before = try await self.readStatusBeforeJob(exchange)
            guard before.canPrint else { throw .notReady(before) }
        }

        do {
            try await exchange.send(encoded.bytes, timeout: self.configuration.jobTimeout)
        } catch {
            throw self.lost(error)
        }

        var isConfirmed = false
        var lastStatus: ReceiptPrinterStatus?
        if capabilities.hasTransmitStatus {
            switch try await self.awaitCompletion(exchange) {
            case .confirmed: isConfirmed = true
            case .stopped(let status):
                self.publish(status)
                throw .stopped(status)
            case .timedOut(let status):
                lastStatus = status
            }
        }

        var statusAfter: ReceiptPrinterStatus?
        if capabilities.hasRealTimeStatus {
            do {
                statusAfter = try await exchange.readStatus(timeout: self.configuration.statusTimeout)
                self.publish(statusAfter!)
            } catch .transport(let error) where !isConfirmed {
                throw self.lost(.transport(error))
            } catch {
                if !isConfirmed { throw .unconfirmed("no status reply after the job (\(Self.describe(error)))") }
                self.logger.warning("no status after a confirmed job", metadata: ["reason": "\(Self.describe(error))"])
            }
        }
        if !isConfirmed, capabilities.hasTransmitStatus {
            let status = statusAfter ?? lastStatus
            if let status, !status.canPrint { throw .stopped(status) }
            throw .unconfirmed("the printer did not answer GS r within \(self.configuration.jobTimeout)\(status.map { "; status: \($0)" } ?? "")")
        }
        return ReceiptPrintReport(
            bytesSent: encoded.bytes.count, isConfirmed: isConfirmed, statusAfter: statusAfter, substituted: encoded.substituted,
            duration: clock.now - start)
    }

    // MARK: Status

    /// Connects, reads `DLE EOT 1…4`, publishes and returns the status.
    @discardableResult
    public func refreshStatus() async -> DeviceStatus {
        await self.acquire()
        defer { self.release() }
        do {
            let transport = try await self.connect()
            defer { transport.close() }
            guard self.configuration.capabilities.hasRealTimeStatus else {
                self.publishStatus(DeviceStatus(role: .receiptPrinter, deviceID: self.configuration.deviceID, model: self.configuration.model, availability: .online, details: ["status": "reachable (printer has no real-time status)"]))
                return self.status
            }
            _ = try await self.readStatusBeforeJob(StatusExchange(transport: transport))
        } catch {
            // Already published by connect() / readStatusBeforeJob().
        }
        return self.status
    }

    /// Stops publishing status (ends ``statusUpdates``).
    public func finish() {
        self.statusContinuation.finish()
    }

    // MARK: Steps

    private func connect() async throws(ReceiptPrintFailure) -> any ByteTransport {
        do {
            return try await self.configuration.endpoint.open(connectTimeout: self.configuration.connectTimeout)
        } catch {
            self.publishStatus(self.unreachableStatus(error))
            throw .unreachable(error)
        }
    }

    private func readStatusBeforeJob(_ exchange: StatusExchange) async throws(ReceiptPrintFailure) -> ReceiptPrinterStatus {
        do {
            let status = try await exchange.readStatus(timeout: self.configuration.statusTimeout)
            self.publish(status)
            return status
        } catch {
            let failure: ReceiptPrintFailure
            switch error {
            case .transport(let transportError): failure = .unreachable(transportError)
            case .noReply(let detail): failure = .noStatusReply(detail)
            case .malformed(let statusError): failure = .malformedStatusReply(statusError.description)
            case .garbage(let bytes): failure = .malformedStatusReply("unexpected bytes \(Self.hex(bytes))")
            }
            self.publishStatus(self.silentStatus(failure))
            throw failure
        }
    }

    private func awaitCompletion(_ exchange: StatusExchange) async throws(ReceiptPrintFailure) -> JobCompletionMonitor.Outcome {
        let clock = ContinuousClock()
        var monitor = JobCompletionMonitor(
            start: clock.now, jobTimeout: self.configuration.jobTimeout, pollInterval: self.configuration.pollInterval,
            statusTimeout: self.configuration.statusTimeout, pollsStatus: self.configuration.capabilities.hasRealTimeStatus)
        var actions = monitor.start()
        while true {
            for action in actions {
                switch action {
                case .send(let bytes):
                    do { try await exchange.send(bytes, timeout: self.configuration.statusTimeout) } catch { throw self.lost(error) }
                case .finish(let outcome):
                    return outcome
                }
            }
            let wait = monitor.wakeUp - clock.now
            do {
                let bytes = try await exchange.transport.read(maximumCount: 16, timeout: max(wait, .milliseconds(1)))
                actions = []
                for byte in bytes { actions += monitor.received(byte, at: clock.now) }
            } catch .timeout {
                actions = monitor.tick(at: clock.now)
            } catch {
                throw self.lost(.transport(error))
            }
        }
    }

    private func lost(_ error: StatusExchange.Failure) -> ReceiptPrintFailure {
        let transportError: TransportError
        switch error {
        case .transport(let underlying): transportError = underlying
        default: transportError = .ioError(name: self.configuration.endpoint.description, operation: "job", errno: 0)
        }
        self.publishStatus(self.unreachableStatus(transportError))
        return .connectionLost(transportError)
    }

    // MARK: Publishing

    private func publish(_ printerStatus: ReceiptPrinterStatus) {
        self.publishStatus(
            printerStatus.deviceStatus(
                deviceID: self.configuration.deviceID, model: self.configuration.model,
                paperWidth: self.configuration.capabilities.paperWidthMillimetres))
    }

    private func publishStatus(_ status: DeviceStatus) {
        guard status != self.status else { return }
        self.status = status
        self.statusContinuation.yield(status)
        self.logger.notice("receipt printer status", metadata: ["status": "\(status)"])
    }

    private func unreachableStatus(_ error: TransportError) -> DeviceStatus {
        DeviceStatus(
            role: .receiptPrinter, deviceID: self.configuration.deviceID, model: self.configuration.model, availability: .powerOff,
            faults: [
                DeviceFault(
                    code: "unreachable", summary: "cannot reach the receipt printer at \(self.configuration.endpoint): \(error)",
                    remediation: Remediation(.clear, "check that the printer is switched on and its USB, serial or network cable is plugged in"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable"))
            ])
    }

    private func silentStatus(_ failure: ReceiptPrintFailure) -> DeviceStatus {
        if case .unreachable(let error) = failure { return self.unreachableStatus(error) }
        return DeviceStatus(
            role: .receiptPrinter, deviceID: self.configuration.deviceID, model: self.configuration.model, availability: .hardwareError,
            faults: [
                DeviceFault(
                    code: "no-status", summary: failure.description,
                    remediation: Remediation(
                        .configuration, "check the printer is on and is the model in the profile (baud rate, ESC/POS mode); power-cycle it if it hangs"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable"))
            ])
    }

    // MARK: One job at a time

    private func acquire() async {
        guard self.isBusy else {
            self.isBusy = true
            return
        }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    private func release() {
        if self.waiting.isEmpty {
            self.isBusy = false
        } else {
            self.waiting.removeFirst().resume()
        }
    }

    private static func describe(_ error: StatusExchange.Failure) -> String {
        switch error {
        case .transport(let error): error.description
        case .noReply(let detail): detail
        case .malformed(let error): error.description
        case .garbage(let bytes): "unexpected bytes \(Self.hex(bytes))"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = bytes.prefix(16).map { byte -> String in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }
        return digits.joined(separator: " ") + (bytes.count > 16 ? " …" : "")
    }
}
