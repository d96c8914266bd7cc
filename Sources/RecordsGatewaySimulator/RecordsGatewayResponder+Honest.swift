import Foundation
import KioskCore
import Records
import UploadContract

extension RecordsGatewayResponder {
    /// What an honest gateway answers.
    struct HonestAnswer {
        enum Result {
            case found(CitizenRecords, RecordBook)
            case refused
        }

        var result: Result
        var status: Int
        var body: [UInt8]
        var outcome: String
    }

    /// Checks the request and looks the citizen up.
    func honestAnswer(to request: Request, now: Date) -> HonestAnswer {
        let serverTime = Int64(now.timeIntervalSince1970.rounded(.down))
        func refuse(_ status: Int, _ code: RecordsGatewayAPI.Problem.Code, _ message: String, time: Int64? = nil) -> HonestAnswer {
            HonestAnswer(
                result: .refused, status: status, body: Array(RecordsGatewayAPI.Problem(code: code, message: message, serverTime: time).encoded()),
                outcome: code.rawValue)
        }
        guard let source = RecordsSource(rawValue: request.sourceName) else {
            let known = RecordsSource.allCases.map(\.rawValue).joined(separator: ", ")
            return refuse(404, .unknownSource, "no records source '\(request.sourceName.prefix(40))' (known: \(known))")
        }
        guard let timestampText = request.timestamp, let signature = request.signature else {
            return refuse(401, .missingSignature, "the request needs \(UploadHeaders.timestamp) and \(UploadHeaders.signature) headers")
        }
        guard let timestamp = Int64(timestampText.trimmingCharacters(in: .whitespaces)) else {
            return refuse(401, .missingSignature, "\(UploadHeaders.timestamp) is not whole seconds since the epoch")
        }
        guard RequestSignature(key: self.key).isValid(signature: signature, body: request.body, timestamp: timestamp) else {
            return refuse(401, .badSignature, "the signature does not match the body with the gateway's key (key or body wrong)")
        }
        let skew = timestamp - serverTime
        guard abs(skew) <= self.allowedSkew.components.seconds else {
            return refuse(
                401, .timestampOutOfWindow,
                "the request was signed at \(timestamp), \(abs(skew)) s \(skew > 0 ? "ahead of" : "behind") the gateway's clock "
                    + "(allowed \(self.allowedSkew.components.seconds) s)", time: serverTime)
        }
        let query: RecordsGatewayAPI.Query
        do {
            query = try JSONDecoder().decode(RecordsGatewayAPI.Query.self, from: Data(request.body))
        } catch let error as DecodingError {
            // Never echo the number: say which field is wrong, not what it holds.
            let detail = Self.mentionsDocumentNumber(error) ? "documentNumber is not a valid document number" : error.readableDescription
            return refuse(400, .malformedQuery, "the body is not a records query: \(detail)")
        } catch {
            return refuse(400, .malformedQuery, "the body is not a records query")
        }
        guard let book = self.books[query.documentNumber], let records = book.records(from: source) else {
            return refuse(404, .noRecords, "the department holds no \(source.rawValue) records on this citizen")
        }
        return HonestAnswer(result: .found(records, book), status: 200, body: Self.encode(records), outcome: "found \(records.count) rows")
    }

    private static func mentionsDocumentNumber(_ error: DecodingError) -> Bool {
        let path: [any CodingKey]
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context): path = context.codingPath
        case .keyNotFound: return false
        @unknown default: return true
        }
        return path.contains { $0.stringValue == "documentNumber" }
    }
}
