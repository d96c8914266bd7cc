import AsyncHTTPClient
import Foundation
import Journal
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization
import UploadContract

/// Uploads the journal's outbox to the back office: batches in sequence order, one in flight,
/// each signed (HMAC-SHA256 over timestamp and body), retried with exponential backoff and
/// jitter while the back office is unreachable or failing. The back office answers with the
/// highest sequence number it holds; the kiosk marks its records up to that number (and never
/// past what it sent) acknowledged.
///
/// Run it as a swift-service-lifecycle `Service` (``run()`` returns after the batch in flight
/// at a graceful shutdown), call ``nudge()`` after recording so new records leave at once, and
/// ``flush(maxConsecutiveFailures:progress:)`` for `onetrip queue flush`.
public final class Uploader: Service, Sendable {
    let journal: Journal
    let configuration: UploaderConfiguration
    let client: HTTPClient
    let ownsClient: Bool
    let logger: Logger
    let now: @Sendable () -> Date
    let doorbell = Doorbell()
    let gate = BatchGate()
    let state: Mutex<State>

    struct State {
        var status = UploaderStatus(phase: .idle, consecutiveFailures: 0, lastError: nil, clockOffset: 0, uploadedRecords: 0, lastUploadAt: nil)
        var batchLimit: Int
        var stopping = false
        var random = SystemRandomNumberGenerator()
    }

    /// Creates an uploader.
    /// - Parameters:
    ///   - httpClient: a client to share; by default the uploader makes its own (trusting
    ///     `trustedCertificatesPath`), which ``shutdown()`` closes.
    ///   - now: the kiosk clock (tests shift it to simulate a drifting clock).
    public init(
        journal: Journal, configuration: UploaderConfiguration, httpClient: HTTPClient? = nil, logger: Logger = Logger(label: "onetrip.uplink"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(UploaderSetupError) {
        self.journal = journal
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.state = Mutex(State(batchLimit: configuration.maxBatchRecords))
        if let httpClient {
            self.client = httpClient
            self.ownsClient = false
        } else {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let path = configuration.trustedCertificatesPath {
                guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadableCertificates(path) }
                tls.trustRoots = .file(path)
            }
            let timeout = HTTPClient.Configuration.Timeout(
                connect: .milliseconds(Self.milliseconds(configuration.connectTimeout)), read: .milliseconds(Self.milliseconds(configuration.requestTimeout)))
            self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls, timeout: timeout))
            self.ownsClient = true
        }
    }

    /// The uploader's state.
    public var status: UploaderStatus { self.state.withLock { $0.status } }

    /// Wakes the run loop so newly recorded records leave now (it does not cut a backoff short).
    public func nudge() {
        Task { await self.doorbell.ring() }
    }

    /// Closes the HTTP client if the uploader made it. Call after ``run()`` has returned.
    public func shutdown() async throws {
        if self.ownsClient { try await self.client.shutdown() }
    }

    /// Uploads until cancelled or shut down gracefully: sends while records wait, sleeps until
    /// nudged (or `idleInterval`) when none do, backs off after failures.
    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled, !self.state.withLock({ $0.stopping }) {
                switch await self.sendBatch() {
                case .acknowledged, .clockCorrected:
                    continue
                case .empty:
                    await self.doorbell.wait(timeout: self.configuration.idleInterval)
                case .failed:
                    let attempt = self.state.withLock { $0.status.consecutiveFailures }
                    let delay = self.retryDelay(attempt: attempt)
                    let until = self.now().addingTimeInterval(Backoff.seconds(delay))
                    self.state.withLock { $0.status.phase = .backingOff(attempt: attempt, until: until) }
                    // Sleep out the backoff: a nudge does not cut it short, a shutdown does.
                    let deadline = ContinuousClock.now + delay
                    while ContinuousClock.now < deadline, !Task.isCancelled, !self.state.withLock({ $0.stopping }) {
                        await self.doorbell.wait(timeout: deadline - ContinuousClock.now)
                    }
                }
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.stopping = true }
            Task { await self.doorbell.ring() }
        }
        self.state.withLock { $0.status.phase = .stopped }
    }

    /// Uploads until nothing waits, reporting progress after each batch.
    /// - Throws: the last ``UploadError`` after `maxConsecutiveFailures` failures in a row
    ///   (with backoff between them).
    @discardableResult
    public func flush(maxConsecutiveFailures: Int = 5, progress: @Sendable (FlushProgress) -> Void = { _ in }) async throws(UploadError) -> FlushProgress {
        var uploaded = 0
        var failures = 0
        while true {
            switch await self.sendBatch() {
            case .empty:
                let status = try await self.outboxStatus()
                let final = FlushProgress(uploaded: uploaded, remaining: Int64(status.pendingRecords), acknowledgedThrough: status.acknowledgedThrough)
                progress(final)
                return final
            case .acknowledged(let records, let through):
                failures = 0
                uploaded += records
                let counters = await self.journal.counters
                progress(FlushProgress(uploaded: uploaded, remaining: counters.highestSequence - through, acknowledgedThrough: through))
            case .clockCorrected:
                continue
            case .failed(let error):
                failures += 1
                if failures >= maxConsecutiveFailures { throw error }
                try? await Task.sleep(for: self.retryDelay(attempt: failures))
                if Task.isCancelled { throw error }
            }
        }
    }

    private func outboxStatus() async throws(UploadError) -> OutboxStatus {
        do {
            return try await self.journal.outboxStatus()
        } catch {
            throw .journal(error)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    func retryDelay(attempt: Int) -> Duration {
        self.state.withLock { state in self.configuration.backoff.delay(attempt: attempt, using: &state.random) }
    }
}

/// Why an uploader cannot be set up.
public enum UploaderSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The trusted-certificates file cannot be read.
    case unreadableCertificates(String)

    public var description: String {
        switch self {
        case .unreadableCertificates(let path): "cannot read the back office's certificate file \(path)"
        }
    }
}
