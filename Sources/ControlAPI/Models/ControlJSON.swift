import Foundation

/// The control API's JSON conventions, shared by server, client and `onetrip --json`: sorted
/// keys, ISO 8601 dates, no escaped slashes.
public enum ControlJSON {
    /// An encoder for one-line JSON (bodies and NDJSON lines).
    public static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A decoder matching ``makeEncoder(pretty:)``.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `application/json`.
    public static let contentType = "application/json"
    /// `application/problem+json`.
    public static let problemContentType = "application/problem+json"
    /// `application/x-ndjson`: one JSON object per line.
    public static let streamContentType = "application/x-ndjson"
}
