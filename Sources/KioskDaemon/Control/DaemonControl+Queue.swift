import ControlAPI
import Foundation
import Journal
import Uplink

extension DaemonControl {
    public func queue() async throws -> QueueReport {
        QueueReport(outbox: try await self.journal.outboxStatus(), uploader: self.assembly.uploader.map { Self.describe($0.status) })
    }

    public func flushQueue(progress: @escaping @Sendable (QueueFlushProgress) async -> Void) async throws -> QueueFlushResult {
        guard let uploader = self.assembly.uploader else {
            throw ControlError.unavailable("no back office is configured ([uplink] url in onetrip.toml): records stay in the kiosk's journal")
        }
        guard !self.isFlushing else { throw ControlError.conflict("a queue flush is already running; wait for it to finish") }
        self.isFlushing = true
        defer { self.isFlushing = false }
        // The uploader reports progress synchronously; the lines go out in order on their own task.
        let (lines, continuation) = AsyncStream.makeStream(of: FlushProgress.self)
        let forwarding = Task {
            for await line in lines {
                await progress(QueueFlushProgress(uploaded: line.uploaded, remaining: line.remaining, acknowledgedThrough: line.acknowledgedThrough))
            }
        }
        let outcome: Result<FlushProgress, UploadError>
        do {
            outcome = .success(try await uploader.flush { continuation.yield($0) })
        } catch {
            outcome = .failure(error)
        }
        continuation.finish()
        await forwarding.value
        switch outcome {
        case .success(let final):
            return QueueFlushResult(uploaded: final.uploaded, remaining: final.remaining, acknowledgedThrough: final.acknowledgedThrough)
        case .failure(let error):
            throw ControlError.unavailable("the back office did not take the queue, so the flush stopped (the uploader keeps retrying): \(error)")
        }
    }

    /// `idle`, `uploading`, `backing off until 2026-11-26T14:03:10Z (attempt 3): connect timeout`.
    static func describe(_ status: UploaderStatus) -> String {
        switch status.phase {
        case .idle: return "idle"
        case .uploading: return "uploading"
        case .stopped: return "stopped"
        case .backingOff(let attempt, let until):
            let when = ISO8601DateFormatter().string(from: until)
            return "backing off until \(when) (attempt \(attempt))" + (status.lastError.map { ": \($0)" } ?? "")
        }
    }
}
