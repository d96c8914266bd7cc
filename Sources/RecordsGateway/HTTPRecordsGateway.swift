import AsyncHTTPClient
import Foundation
import KioskCore
import Logging
import NIOCore
import NIOSSL
import Records
import UploadContract

/// A ``RecordsProvider`` that asks a department data-sharing gateway over HTTPS: JSON queries
/// signed with HMAC-SHA256 (the uploader's `X-OneTrip-Signature` scheme), a deadline on every
/// attempt, and a few quick retries of failures that another attempt may cure. The contract is
/// ``RecordsGatewayAPI`` (`docs/records-gateway.yaml`).
///
/// - A lookup gets one request id, sent on every attempt, so the gateway sees retries as one
///   lookup.
/// - Retried: timeouts, connection failures (refused, dropped) and HTTP 500/502/503/504, with
///   ``RetryBackoff`` pauses, at most ``RecordsGatewayConfiguration/retries`` times and within
///   ``RecordsGatewayConfiguration/overallTimeout``. Never retried: 4xx, a malformed answer, an
///   untrusted certificate.
/// - The document number goes in the body only; it never appears in a URL, a log line or an
///   error (texts from the gateway are masked before they are reported).
///
/// Call ``shutdown()`` when the daemon stops: it closes the HTTP client.
public final class HTTPRecordsGateway: RecordsProvider {
    /// Where and how.
    public let configuration: RecordsGatewayConfiguration
    /// `gateway https://host:port`.
    public let name: String
    let client: HTTPClient
    let signer: RequestSignature
    let logger: Logger
    let now: @Sendable () -> Date

    /// The largest answer read (a citizen's records are a few kilobytes).
    static let maxAnswerBytes = 4 << 20

    /// Creates the provider and its HTTP client.
    /// - Parameters:
    ///   - now: the kiosk clock, for request timestamps.
    /// - Throws: ``RecordsProviderError/misconfigured(_:)`` for a URL that is not https (or
    ///   plain http to loopback), an unreadable CA file, or an empty kiosk id.
    public init(
        configuration: RecordsGatewayConfiguration, logger: Logger = Logger(label: "onetrip.records.gateway"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(RecordsProviderError) {
        do {
            try configuration.validate()
        } catch {
            throw .misconfigured(error.message)
        }
        self.configuration = configuration
        self.name = "gateway \(configuration.baseURL.absoluteString)"
        self.signer = RequestSignature(key: configuration.key)
        self.logger = logger
        self.now = now
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = configuration.trustedCertificatesPath {
            // Load it now: a file that holds no certificate is a configuration error at start,
            // not a handshake failure on the first citizen's lookup.
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw .misconfigured("the gateway's CA file \(path) is not PEM: \(error)")
            }
            guard !certificates.isEmpty else { throw .misconfigured("the gateway's CA file \(path) holds no PEM certificate") }
            tls.trustRoots = .certificates(certificates)
        }
        var pool = HTTPClient.Configuration.ConnectionPool()
        // Fail an attempt at once when the connection fails; this type does its own (bounded,
        // deadline-aware) retrying instead of the client's open-ended reconnecting.
        pool.retryConnectionEstablishment = false
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(RetryBackoff.nanoseconds(min(configuration.connectTimeout, configuration.requestTimeout))))
        var clientConfiguration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: timeout, connectionPool: pool)
        clientConfiguration.redirectConfiguration = .disallow
        clientConfiguration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    /// Closes the HTTP client. Call once, after the last lookup.
    public func shutdown() async throws {
        try await self.client.shutdown()
    }

    /// Looks up one source's records: `nil` when the department holds none (404 `no_records`).
    /// - Throws: ``RecordsProviderError`` naming the gateway, the source, the request id and the
    ///   number of attempts; never the document number.
    public func records(from source: RecordsSource, for documentNumber: DocumentNumber) async throws(RecordsProviderError) -> CitizenRecords? {
        let requestID = UUID().uuidString
        let body = RecordsGatewayAPI.Query(documentNumber: documentNumber, requestID: requestID, kioskID: self.configuration.kioskID).encoded()
        let clock = ContinuousClock()
        let budgetEnd = self.configuration.overallTimeout.map { clock.now + $0 }
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            var timeout = self.configuration.requestTimeout
            if let budgetEnd { timeout = max(.zero, min(timeout, budgetEnd - clock.now)) }
            let outcome = await self.attempt(source: source, body: body, requestID: requestID, timeout: timeout)
            let failure: AttemptFailure
            switch outcome {
            case .success(let records):
                self.logger.debug(
                    "records answered", metadata: ["requestID": "\(requestID)", "source": "\(source.rawValue)", "attempt": "\(attempt)",
                        "found": "\(records != nil)"])
                return records
            case .failure(let reason):
                failure = reason
            }
            let label = self.label(source: source, requestID: requestID, attempts: attempt)
            let mayRetry = failure.isRetryable && attempt <= self.configuration.retries && !Task.isCancelled
            let pause = mayRetry ? self.configuration.backoff.delay(retry: attempt, using: &generator) : nil
            guard let pause, budgetEnd.map({ clock.now + pause + Self.shortestAttempt <= $0 }) ?? true else {
                // Out of attempts, or out of time: a timeout the budget caused is reported as the budget.
                if case .timedOut = failure.kind, let overall = self.configuration.overallTimeout, pause != nil || timeout < self.configuration.requestTimeout {
                    throw AttemptFailure.timedOut(after: overall).providerError(label: label, redacting: documentNumber)
                }
                throw failure.providerError(label: label, redacting: documentNumber)
            }
            self.logger.notice(
                "records gateway attempt failed; retrying",
                metadata: [
                    "requestID": "\(requestID)", "source": "\(source.rawValue)", "attempt": "\(attempt)",
                    "error": "\(Redaction.masking(documentNumber, in: failure.summary))", "retryIn": "\(pause)",
                ])
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw AttemptFailure.cancelled.providerError(label: label, redacting: documentNumber)
            }
        }
    }

    /// An attempt is not started with less time than this left in the overall budget.
    static let shortestAttempt: Duration = .milliseconds(100)

    /// `records gateway 127.0.0.1:8443 (trafficViolations, request 6F1C…, 3 attempts)`.
    func label(source: RecordsSource, requestID: String, attempts: Int) -> String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        return "records gateway \(self.configuration.authority) (\(source.rawValue), request \(requestID), \(tries))"
    }
}
