/// The body of `POST /v1/maintenance`: `{"enabled": true, "reason": "replacing the receipt paper"}`.
public struct MaintenanceRequest: Hashable, Sendable, Codable {
    /// Take the kiosk out of service for citizens (`true`) or put it back (`false`).
    public var enabled: Bool
    /// Why, for the log and the status (optional, at most ``maximumReasonLength`` characters).
    public var reason: String?

    /// The longest reason accepted.
    public static let maximumReasonLength = 200

    /// Creates a request.
    public init(enabled: Bool, reason: String? = nil) {
        self.enabled = enabled
        self.reason = reason
    }
}
