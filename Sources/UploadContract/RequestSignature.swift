import Crypto

/// Signs and checks upload requests: HMAC-SHA256 with the kiosk's key over
/// `"{timestamp}.{body}"`, sent as `X-OneTrip-Signature: v1={hex}` next to
/// `X-OneTrip-Timestamp: {timestamp}` (seconds since the Unix epoch).
///
/// The timestamp is inside the MAC, so a captured request cannot be replayed outside the hub's
/// clock-skew window; inside it, a replay is harmless because the hub stores records
/// idempotently by (kiosk, sequence). The scheme (a versioned signature over a timestamp and the
/// raw body) is the one webhook senders such as Stripe use; `docs/openapi.yaml` states it.
public struct RequestSignature: Sendable {
    /// The key it signs with.
    public let key: KioskKey

    /// The prefix naming the scheme version.
    public static let versionPrefix = "v1="

    /// Creates a signer for one kiosk's key.
    public init(key: KioskKey) { self.key = key }

    /// The `X-OneTrip-Signature` value for a body sent at `timestamp`.
    public func signature(body: some Sequence<UInt8>, timestamp: Int64) -> String {
        Self.versionPrefix + Array(self.mac(body: body, timestamp: timestamp)).hexString
    }

    /// Whether `header` is the valid signature of `body` at `timestamp` (compared in constant time).
    public func isValid(signature header: String, body: some Sequence<UInt8>, timestamp: Int64) -> Bool {
        guard header.hasPrefix(Self.versionPrefix), let expected = Self.bytes(hex: header.dropFirst(Self.versionPrefix.count)) else {
            return false
        }
        let actual = Array(self.mac(body: body, timestamp: timestamp))
        guard expected.count == actual.count else { return false }
        // Constant-time comparison: the time taken does not reveal how many bytes matched.
        var difference: UInt8 = 0
        for (left, right) in zip(expected, actual) { difference |= left ^ right }
        return difference == 0
    }

    private func mac(body: some Sequence<UInt8>, timestamp: Int64) -> HMAC<SHA256>.MAC {
        var hmac = HMAC<SHA256>(key: self.key.symmetricKey)
        hmac.update(data: Array("\(timestamp).".utf8))
        hmac.update(data: Array(body))
        return hmac.finalize()
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in hex {
            guard let nibble = character.hexDigitValue else { return nil }
            if let pending = high {
                bytes.append(pending << 4 | UInt8(nibble))
                high = nil
            } else {
                high = UInt8(nibble)
            }
        }
        return bytes
    }
}
