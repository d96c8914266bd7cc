import Foundation
import UploadContract

/// Where the records gateway is and how long the kiosk waits for it.
public struct RecordsGatewayConfiguration: Sendable {
    /// The gateway's base URL (`https://records.gateway.example:8443`); records are posted to
    /// `{baseURL}/v1/records/{source}`. Plain `http` is accepted only for a loopback host.
    public var baseURL: URL
    /// This kiosk (sent in every query).
    public var kioskID: String
    /// The key requests are signed with (shared with the gateway).
    public var key: KioskKey
    /// A PEM file of the certificates to trust (the gateway's CA, or its self-signed
    /// certificate) instead of the system's roots; `nil` trusts the system's roots.
    public var trustedCertificatesPath: String?
    /// How long one attempt may take, from connecting to the last byte of the answer.
    public var requestTimeout: Duration
    /// How long connecting (TCP and TLS handshake) may take within an attempt.
    public var connectTimeout: Duration
    /// How many times a retryable failure is retried (so at most `retries + 1` attempts).
    public var retries: Int
    /// The pauses between attempts.
    public var backoff: RetryBackoff
    /// The budget for the whole lookup, retries and pauses included; `nil` leaves only the
    /// per-attempt deadline. The daemon sets it a little below the session's records timeout,
    /// so the kiosk reports the gateway's failure before the citizen's screen times out.
    public var overallTimeout: Duration?

    /// Creates a configuration (8 s per attempt, at most 3 s of it connecting, 2 retries).
    public init(
        baseURL: URL, kioskID: String, key: KioskKey, trustedCertificatesPath: String? = nil, requestTimeout: Duration = .seconds(8),
        connectTimeout: Duration = .seconds(3), retries: Int = 2, backoff: RetryBackoff = RetryBackoff(), overallTimeout: Duration? = nil
    ) {
        self.baseURL = baseURL
        self.kioskID = kioskID
        self.key = key
        self.trustedCertificatesPath = trustedCertificatesPath
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.overallTimeout = overallTimeout
    }

    /// `127.0.0.1:8443`, for error messages and logs.
    public var authority: String {
        let host = self.baseURL.host ?? "?"
        return self.baseURL.port.map { "\(host):\($0)" } ?? host
    }

    /// The URL for one path (`/v1/records/socialInsurance`).
    func url(path: String) -> String {
        var base = self.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    /// Checks what can be checked before the first request.
    /// - Throws: a sentence naming the problem.
    func validate() throws(ConfigurationProblem) {
        guard let scheme = self.baseURL.scheme?.lowercased(), let host = self.baseURL.host, !host.isEmpty else {
            throw ConfigurationProblem("gateway URL '\(self.baseURL.absoluteString)' needs a scheme and a host")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Self.isLoopback(host: host) else {
                throw ConfigurationProblem(
                    "gateway URL '\(self.baseURL.absoluteString)' is plain http to \(host); use https (plain http is allowed only to loopback)")
            }
        default:
            throw ConfigurationProblem("gateway URL '\(self.baseURL.absoluteString)' must be https")
        }
        guard self.baseURL.query == nil, self.baseURL.fragment == nil else {
            throw ConfigurationProblem("gateway URL '\(self.baseURL.absoluteString)' must not have a query or fragment")
        }
        if let path = self.trustedCertificatesPath, !FileManager.default.isReadableFile(atPath: path) {
            throw ConfigurationProblem("cannot read the gateway's CA file \(path)")
        }
        guard !self.kioskID.isEmpty else { throw ConfigurationProblem("the kiosk id is empty") }
        guard self.requestTimeout > .zero, self.connectTimeout > .zero else {
            throw ConfigurationProblem("the request and connect timeouts must be positive")
        }
    }

    /// Whether a host is the loopback interface (`127.0.0.0/8`, `::1`, `localhost`).
    static func isLoopback(host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// A configuration the gateway client refuses, in words.
struct ConfigurationProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
