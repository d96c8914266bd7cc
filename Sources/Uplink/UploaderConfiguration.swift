import Foundation
import UploadContract

/// Where and how the kiosk uploads its outbox.
public struct UploaderConfiguration: Sendable {
    /// The back office's base URL (`https://backoffice.example:8443`); records go to
    /// `{backOffice}/v1/kiosks/{kioskID}/events`.
    public var backOffice: URL
    /// This kiosk.
    public var kioskID: String
    /// The kiosk's signing key (shared with the back office).
    public var key: KioskKey
    /// A PEM file of the certificates (the back office's CA, or its self-signed certificate)
    /// to trust instead of the system's roots; `nil` trusts the system's roots.
    public var trustedCertificatesPath: String?
    /// At most this many records per request.
    public var maxBatchRecords: Int
    /// At most about this many body bytes per request (a single larger record is still sent).
    public var maxBatchBytes: Int
    /// Retry policy while the back office is unreachable or failing.
    public var backoff: Backoff
    /// How long one request may take.
    public var requestTimeout: Duration
    /// How long to keep trying to connect (and complete the TLS handshake) before an attempt
    /// counts as failed. The HTTP client retries refused connections within this time, so it is
    /// also how long one attempt takes while the back office is down.
    public var connectTimeout: Duration
    /// How often the run loop looks for new records when nobody nudges it.
    public var idleInterval: Duration

    /// Creates a configuration (500 records or 1 MiB per batch, 30 s requests, 5 s to connect,
    /// 10 s idle poll).
    public init(
        backOffice: URL, kioskID: String, key: KioskKey, trustedCertificatesPath: String? = nil, maxBatchRecords: Int = 500,
        maxBatchBytes: Int = 1 << 20, backoff: Backoff = Backoff(), requestTimeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(5), idleInterval: Duration = .seconds(10)
    ) {
        self.backOffice = backOffice
        self.kioskID = kioskID
        self.key = key
        self.trustedCertificatesPath = trustedCertificatesPath
        self.maxBatchRecords = max(1, maxBatchRecords)
        self.maxBatchBytes = max(1, maxBatchBytes)
        self.backoff = backoff
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.idleInterval = idleInterval
    }

    /// The upload endpoint.
    public var endpoint: String {
        var base = self.backOffice.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + UploadHeaders.eventsPath(kioskID: self.kioskID)
    }
}
