import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UploadContract

/// Handles one upload: read the body (bounded), verify, parse, store, acknowledge.
struct IngestEndpoint: Sendable {
    let store: HubStore
    let verifier: UploadVerifier
    let maxBodyBytes: Int
    let logger: Logger

    static let timestampHeader = HTTPField.Name(UploadHeaders.timestamp)!
    static let signatureHeader = HTTPField.Name(UploadHeaders.signature)!

    func respond(to request: Request, kioskID: String) async throws -> Response {
        let now = Date()
        let serverTime = Int64(now.timeIntervalSince1970.rounded(.down))
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: self.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return Self.problem(.contentTooLarge, UploadProblem(code: .bodyTooLarge, message: "the body is larger than \(self.maxBodyBytes) bytes; send smaller batches", serverTime: serverTime))
        }
        let body = buffer.readBytes(length: buffer.readableBytes) ?? []
        if let problem = self.verifier.problem(
            kioskID: kioskID, timestamp: request.headers[Self.timestampHeader], signature: request.headers[Self.signatureHeader], body: body, now: now)
        {
            self.logger.warning("upload refused", metadata: ["kiosk": "\(kioskID)", "problem": "\(problem)"])
            return Self.problem(.unauthorized, problem)
        }
        let batch: UploadBatch
        do {
            batch = try UploadBatch.decode(body)
        } catch {
            return Self.problem(.badRequest, UploadProblem(code: .malformedBody, message: error.description, serverTime: serverTime))
        }
        guard batch.kioskID == kioskID else {
            return Self.problem(
                .badRequest, UploadProblem(code: .kioskMismatch, message: "the body is for kiosk \(batch.kioskID), the path for \(kioskID)", serverTime: serverTime))
        }
        do {
            let acknowledgement = try await self.store.store(batch, receivedAt: now)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: acknowledgement.encoded())))
        } catch {
            if case .conflict = error {
                self.logger.error("sequence conflict", metadata: ["kiosk": "\(kioskID)", "error": "\(error)"])
                return Self.problem(.conflict, UploadProblem(code: .sequenceConflict, message: error.description, serverTime: serverTime))
            }
            self.logger.error("store failed", metadata: ["kiosk": "\(kioskID)", "error": "\(error)"])
            return Self.problem(.internalServerError, UploadProblem(code: .internalError, message: error.description, serverTime: serverTime))
        }
    }

    static func problem(_ status: HTTPResponse.Status, _ problem: UploadProblem) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: problem.encoded())))
    }
}
