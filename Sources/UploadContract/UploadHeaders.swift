/// The HTTP header names of the upload contract (`docs/openapi.yaml`).
public enum UploadHeaders {
    /// Seconds since the Unix epoch at which the kiosk signed the request.
    public static let timestamp = "X-OneTrip-Timestamp"
    /// `v1=` followed by the lower-case hex HMAC-SHA256 of `"{timestamp}.{body}"`.
    public static let signature = "X-OneTrip-Signature"
    /// The path of the upload endpoint for a kiosk: `/v1/kiosks/{kioskID}/events`.
    public static func eventsPath(kioskID: String) -> String {
        "/v1/kiosks/\(kioskID.addingPathEscapes())/events"
    }
}

extension String {
    /// Escapes everything but RFC 3986 unreserved characters, for one path segment.
    func addingPathEscapes() -> String {
        var result = ""
        for byte in self.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }
}
