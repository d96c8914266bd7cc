import Foundation
import KioskCore

/// The records gateway's HTTP contract (`docs/records-gateway.yaml`), shared by the kiosk's
/// client (`RecordsGateway.HTTPRecordsGateway`) and the reference gateway
/// (`RecordsGatewaySimulator`). Plain Codable values: no HTTP library here.
///
/// ```
/// POST {base}/v1/records/{source}
/// Content-Type: application/json
/// X-OneTrip-Timestamp: 1767225600
/// X-OneTrip-Signature: v1=<hex HMAC-SHA256(key, "{timestamp}.{body}")>
///
/// {"documentNumber":"…","requestID":"6F1C…","kioskID":"HS-0001"}
/// ```
///
/// 200 answers ``CitizenRecords`` JSON (`{"source": "…", "data": …}`) of the source asked for;
/// 404 with the problem code ``Problem/Code/noRecords`` means the department holds nothing on
/// the citizen. Any other status carries a ``Problem``. The document number travels in the
/// body only, never in the URL, so it stays out of access logs.
public enum RecordsGatewayAPI {
    /// The path for one source's records: `/v1/records/{source}`.
    public static func path(for source: RecordsSource) -> String {
        "/v1/records/\(source.rawValue)"
    }

    /// The health path (`GET`, answers `{"status":"ok"}`).
    public static let healthPath = "/v1/health"

    /// The largest request body a gateway needs to accept.
    public static let maxQueryBytes = 4 << 10

    /// The request body: whose records, and which request this is.
    public struct Query: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The citizen's document number. Personal data: only ever in the body.
        public var documentNumber: DocumentNumber
        /// The kiosk's id for this lookup, the same on every retry, so the gateway can tell a
        /// retry from a new lookup and a technician can follow one lookup through both logs.
        public var requestID: String
        /// The asking kiosk (`HS-0001`).
        public var kioskID: String

        /// Creates a query.
        public init(documentNumber: DocumentNumber, requestID: String, kioskID: String) {
            self.documentNumber = documentNumber
            self.requestID = requestID
            self.kioskID = kioskID
        }

        /// The request and kiosk ids, never the document number.
        public var description: String { "query \(self.requestID) from \(self.kioskID)" }

        /// The exact body bytes (sorted keys, so a retry sends the same bytes).
        public func encoded() -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Three strings always encode.
            return try! encoder.encode(self)
        }
    }

    /// A refusal or failure, for a technician: a stable code and a sentence.
    public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
        /// Stable codes.
        public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
            /// The department holds no records of this source on the citizen (HTTP 404).
            case noRecords = "no_records"
            /// The path names no source the gateway knows (HTTP 404).
            case unknownSource = "unknown_source"
            /// The body is not a query (HTTP 400).
            case malformedQuery = "malformed_query"
            /// The signature headers are missing or unreadable (HTTP 401).
            case missingSignature = "missing_signature"
            /// The signature does not match the body and timestamp (HTTP 401).
            case badSignature = "bad_signature"
            /// The timestamp is outside the gateway's allowed clock skew (HTTP 401).
            case timestampOutOfWindow = "timestamp_out_of_window"
            /// The department behind the gateway is unavailable (HTTP 502/503/504).
            case unavailable
            /// The gateway failed (HTTP 500).
            case internalError = "internal_error"
        }

        /// What went wrong.
        public var code: Code
        /// In words. Never holds personal data.
        public var message: String
        /// The gateway's clock, seconds since the Unix epoch (for clock problems).
        public var serverTime: Int64?

        /// Creates a problem.
        public init(code: Code, message: String, serverTime: Int64? = nil) {
            self.code = code
            self.message = message
            self.serverTime = serverTime
        }

        /// `bad_signature: …`.
        public var description: String { "\(self.code.rawValue): \(self.message)" }

        /// The JSON body.
        public func encoded() -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try! encoder.encode(self)
        }

        /// Parses a problem body, or `nil` when the body is not one.
        public static func decode(_ data: Data) -> Problem? {
            try? JSONDecoder().decode(Problem.self, from: data)
        }
    }
}
