import Foundation
import KioskCore
import Records
import UploadContract

/// The reference gateway's answers as a pure function of the request, its clock, the record
/// books and the fault in force: no I/O, so every branch is tested without a socket.
///
/// An honest answer checks, in order: the source in the path, the signature headers, the
/// HMAC-SHA256 of `"{timestamp}.{body}"` with the gateway's key, the timestamp's distance from
/// the gateway's clock, and the query body; then it answers the citizen's records (200) or
/// `no_records` (404).
public struct RecordsGatewayResponder: Sendable {
    /// What the department holds, by document number.
    public let books: [DocumentNumber: RecordBook]
    /// The key kiosks sign with.
    public let key: KioskKey
    /// How far a request's timestamp may be from the gateway's clock.
    public let allowedSkew: Duration

    /// Creates a responder (default skew window ±5 minutes, as the ingest hub).
    public init(books: [RecordBook], key: KioskKey, allowedSkew: Duration = .seconds(300)) {
        self.books = Dictionary(books.map { ($0.documentNumber, $0) }, uniquingKeysWith: { first, _ in first })
        self.key = key
        self.allowedSkew = allowedSkew
    }

    /// One records request as it arrived.
    public struct Request: Sendable {
        /// The `{source}` path segment.
        public var sourceName: String
        /// `X-OneTrip-Timestamp`.
        public var timestamp: String?
        /// `X-OneTrip-Signature`.
        public var signature: String?
        /// The raw body.
        public var body: [UInt8]

        /// Creates a request.
        public init(sourceName: String, timestamp: String?, signature: String?, body: [UInt8]) {
            self.sourceName = sourceName
            self.timestamp = timestamp
            self.signature = signature
            self.body = body
        }
    }

    /// What to do with a request.
    public struct Reply: Sendable {
        /// Answer with a status and a JSON body, or close the connection (`nil`).
        public var answer: (status: Int, body: [UInt8])?
        /// The request id from the body, when it has one (for the request log).
        public var requestID: String?
        /// The kiosk id from the body, when it has one.
        public var kioskID: String?
        /// What happened, for the log (`found`, `no_records`, `bad_signature`, `fail 503`…).
        public var outcome: String
    }

    /// The reply to `request` at `now`, with `fault` (already taken from the fault switch).
    public func reply(to request: Request, now: Date, fault: GatewayFaults.Fault?) -> Reply {
        let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(request.body))
        var reply = Reply(answer: nil, requestID: envelope?.requestID, kioskID: envelope?.kioskID, outcome: "")
        switch fault {
        case .dropConnection:
            reply.outcome = "drop"
            return reply
        case .status(let status):
            let code: RecordsGatewayAPI.Problem.Code = status == 500 ? .internalError : .unavailable
            reply.answer = (status, Array(RecordsGatewayAPI.Problem(code: code, message: "simulated failure (fault fail \(status))").encoded()))
            reply.outcome = "fail \(status)"
            return reply
        default:
            break
        }
        let honest = self.honestAnswer(to: request, now: now)
        reply.outcome = honest.outcome
        guard case .found(let records, let book) = honest.result else {
            reply.answer = (honest.status, honest.body)
            return reply
        }
        switch fault {
        case .malformedJSON:
            let body = Self.encode(records)
            reply.answer = (200, Array(body.prefix(max(1, body.count / 2))))
            reply.outcome = "malformed"
        case .wrongSchema:
            let data = (try? JSONSerialization.jsonObject(with: Data(Self.encode(records)))) as? [String: Any]
            let wrong: [String: Any] = ["source": records.source.rawValue, "payload": data?["data"] ?? NSNull()]
            reply.answer = (200, Array((try? JSONSerialization.data(withJSONObject: wrong, options: [.sortedKeys])) ?? Data("{}".utf8)))
            reply.outcome = "wrong-schema"
        case .wrongSource:
            reply.answer = (200, Self.encode(Self.otherRecords(than: records.source, in: book)))
            reply.outcome = "wrong-source"
        default:
            reply.answer = (200, Self.encode(records))
        }
        return reply
    }

    /// The first records of another source in the book, or an empty list of traffic
    /// violations (empty appointments when traffic violations were asked for).
    static func otherRecords(than source: RecordsSource, in book: RecordBook) -> CitizenRecords {
        for other in RecordsSource.allCases where other != source {
            if let records = book.records(from: other) { return records }
        }
        return source == .trafficViolations ? .appointments(AppointmentsAndProgress(appointments: [], applications: [])) : .trafficViolations([])
    }

    static func encode(_ records: CitizenRecords) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The record models are plain Codable values: they always encode.
        return Array(try! encoder.encode(records))
    }

    /// The request and kiosk ids, read leniently for the log even from a body that is refused.
    private struct Envelope: Decodable {
        var requestID: String?
        var kioskID: String?
    }
}
