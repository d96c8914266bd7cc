import AsyncHTTPClient
import Foundation
import Journal
import NIOCore
import UploadContract

extension Uploader {
    /// Sends one batch (waiting for any batch in flight first) and applies the answer.
    public func sendBatch() async -> BatchOutcome {
        await self.gate.enter()
        let outcome = await self.attempt()
        await self.gate.leave()
        self.state.withLock { state in
            switch outcome {
            case .empty:
                state.status.phase = .idle
                state.status.consecutiveFailures = 0
            case .acknowledged(let records, _):
                state.status.phase = .idle
                state.status.consecutiveFailures = 0
                state.status.lastError = nil
                state.status.uploadedRecords += records
                state.status.lastUploadAt = self.now()
            case .clockCorrected(let offset):
                state.status.clockOffset = offset
            case .failed(let error):
                state.status.consecutiveFailures += 1
                state.status.lastError = error.description
            }
        }
        if case .failed(let error) = outcome {
            self.logger.warning("upload failed", metadata: ["error": "\(error)"])
            try? await self.journal.noteUploadFailure(error.description, at: self.now())
        }
        return outcome
    }

    private func attempt() async -> BatchOutcome {
        let limit = self.state.withLock { $0.batchLimit }
        let records: [UploadRecord]
        let dropped: Int64
        do {
            records = try await self.journal.pendingRecords(limit: limit, maxBytes: self.configuration.maxBatchBytes)
            dropped = await self.journal.counters.droppedTelemetry
        } catch {
            return .failed(.journal(error))
        }
        guard let last = records.last else { return .empty }
        self.state.withLock { $0.status.phase = .uploading }
        let body = UploadBatch(kioskID: self.configuration.kioskID, droppedTelemetry: dropped, records: records).encoded()
        let offset = self.state.withLock { $0.status.clockOffset }
        let timestamp = Int64(self.now().timeIntervalSince1970.rounded(.down)) + offset
        var request = HTTPClientRequest(url: self.configuration.endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "onetrip-uplink/1")
        request.headers.add(name: UploadHeaders.timestamp, value: String(timestamp))
        request.headers.add(name: UploadHeaders.signature, value: RequestSignature(key: self.configuration.key).signature(body: body, timestamp: timestamp))
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let answer: [UInt8]
        do {
            let timeout = Self.milliseconds(self.configuration.requestTimeout) + Self.milliseconds(self.configuration.connectTimeout)
            let response = try await self.client.execute(request, timeout: .milliseconds(timeout))
            status = Int(response.status.code)
            var buffer = try await response.body.collect(upTo: 1 << 20)
            answer = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            return .failed(.unreachable("\(error)"))
        }
        return await self.interpret(status: status, answer: answer, last: last.sequence)
    }

    private func interpret(status: Int, answer: [UInt8], last: Int64) async -> BatchOutcome {
        switch status {
        case 200:
            let acknowledgement: UploadAcknowledgement
            do {
                acknowledgement = try UploadAcknowledgement.decode(answer)
            } catch {
                return .failed(.unexpectedResponse(status: status, error.description))
            }
            guard acknowledgement.kioskID == self.configuration.kioskID else {
                return .failed(.unexpectedResponse(status: status, "acknowledgement for kiosk \(acknowledgement.kioskID)"))
            }
            // Never past what this batch carried: a higher answer (records sent before a crash)
            // is simply re-confirmed by the next batch.
            let through = min(acknowledgement.acknowledgedThrough, last)
            let result: AcknowledgementResult
            do {
                result = try await self.journal.acknowledge(through: through, at: self.now())
            } catch {
                return .failed(.journal(error))
            }
            self.state.withLock { $0.batchLimit = self.configuration.maxBatchRecords }
            guard through >= last else {
                if result.newlyAcknowledged > 0 { return .acknowledged(records: result.newlyAcknowledged, through: result.acknowledgedThrough) }
                return .failed(.incompleteAcknowledgement(sent: last, acknowledged: acknowledgement.acknowledgedThrough))
            }
            return .acknowledged(records: result.newlyAcknowledged, through: result.acknowledgedThrough)
        case 413:
            self.state.withLock { $0.batchLimit = max(1, $0.batchLimit / 2) }
            return .failed(.rejected(status: status, UploadProblem.decode(answer) ?? UploadProblem(code: .bodyTooLarge, message: "body too large", serverTime: 0)))
        case 400..<500:
            guard let problem = UploadProblem.decode(answer) else {
                return .failed(.unexpectedResponse(status: status, String(decoding: answer.prefix(200), as: UTF8.self)))
            }
            if problem.code == .timestampOutOfWindow, problem.serverTime > 0 {
                let local = Int64(self.now().timeIntervalSince1970.rounded(.down))
                let offset = problem.serverTime - local
                let previous = self.state.withLock { $0.status.clockOffset }
                // Correct once per drift; a second refusal with the same correction is a failure.
                if abs(offset - previous) > 1 {
                    self.logger.notice("kiosk clock differs from the back office; correcting request timestamps", metadata: ["offsetSeconds": "\(offset)"])
                    return .clockCorrected(offset: offset)
                }
            }
            return .failed(.rejected(status: status, problem))
        default:
            let detail = UploadProblem.decode(answer)?.description ?? String(decoding: answer.prefix(200), as: UTF8.self)
            return .failed(status >= 500 ? .serverError(status: status, detail) : .unexpectedResponse(status: status, detail))
        }
    }
}
