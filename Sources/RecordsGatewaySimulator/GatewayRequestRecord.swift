import Foundation

/// One records request the reference gateway received, for its request log (the `requests`
/// control command, and tests that count attempts). Holds no personal data.
public struct GatewayRequestRecord: Hashable, Sendable, CustomStringConvertible {
    /// The request id from the body (the same on every retry of one lookup), if readable.
    public var requestID: String?
    /// The kiosk id from the body, if readable.
    public var kioskID: String?
    /// The source path segment.
    public var source: String
    /// The status answered, or `nil` when the connection was dropped.
    public var status: Int?
    /// What happened (`found 3 rows`, `no_records`, `bad_signature`, `fail 503`, `drop`…).
    public var outcome: String
    /// When it arrived.
    public var receivedAt: Date

    /// Creates a record.
    public init(requestID: String?, kioskID: String?, source: String, status: Int?, outcome: String, receivedAt: Date) {
        self.requestID = requestID
        self.kioskID = kioskID
        self.source = source
        self.status = status
        self.outcome = outcome
        self.receivedAt = receivedAt
    }

    /// `6F1C… HS-0001 trafficViolations 503 fail 503`.
    public var description: String {
        "\(self.requestID ?? "-") \(self.kioskID ?? "-") \(self.source) \(self.status.map(String.init) ?? "dropped") \(self.outcome)"
    }
}
