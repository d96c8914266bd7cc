import Foundation
import UploadContract

/// Checks an upload's signature and timestamp (a pure function of the request and the time).
///
/// A request is accepted when the kiosk is known, the signature is the HMAC-SHA256 of
/// `"{timestamp}.{body}"` with the kiosk's key, and the timestamp is within `allowedSkew` of the
/// hub's clock. Outside the window the answer carries the hub's time, so an honest kiosk with a
/// drifting clock corrects itself; a replay inside the window stores nothing twice.
public struct UploadVerifier: Sendable {
    /// Keys by kiosk.
    public var keyring: KioskKeyring
    /// How far a request's timestamp may be from the hub's clock.
    public var allowedSkew: Duration

    /// Creates a verifier (default skew window ±5 minutes).
    public init(keyring: KioskKeyring, allowedSkew: Duration = .seconds(300)) {
        self.keyring = keyring
        self.allowedSkew = allowedSkew
    }

    /// `nil` when the request may be processed, otherwise the problem to answer with.
    public func problem(kioskID: String, timestamp: String?, signature: String?, body: [UInt8], now: Date) -> UploadProblem? {
        let serverTime = Int64(now.timeIntervalSince1970.rounded(.down))
        guard let key = self.keyring.key(for: kioskID) else {
            return UploadProblem(code: .unknownKiosk, message: "the hub has no key for kiosk \(kioskID); add it to the hub's keys file", serverTime: serverTime)
        }
        guard let timestamp, let signature else {
            return UploadProblem(
                code: .missingSignature, message: "the request needs \(UploadHeaders.timestamp) and \(UploadHeaders.signature) headers",
                serverTime: serverTime)
        }
        guard let seconds = Int64(timestamp.trimmingCharacters(in: .whitespaces)) else {
            return UploadProblem(code: .missingSignature, message: "\(UploadHeaders.timestamp) is not whole seconds: \(timestamp.prefix(32))", serverTime: serverTime)
        }
        guard RequestSignature(key: key).isValid(signature: signature, body: body, timestamp: seconds) else {
            return UploadProblem(
                code: .badSignature, message: "the signature does not match the body with kiosk \(kioskID)'s key (key or body wrong)",
                serverTime: serverTime)
        }
        let skew = seconds - serverTime
        guard abs(skew) <= self.allowedSkew.components.seconds else {
            return UploadProblem(
                code: .timestampOutOfWindow,
                message: "the request was signed at \(seconds), \(abs(skew)) s \(skew > 0 ? "ahead of" : "behind") the hub's clock "
                    + "(allowed \(self.allowedSkew.components.seconds) s): check the kiosk's clock",
                serverTime: serverTime)
        }
        return nil
    }
}
