import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOSSL
import Records
import UploadContract

extension HTTPRecordsGateway {
    /// One request and its answer, all within `timeout` (connecting, sending, the head and the
    /// whole body: the client's own deadline stops at the head, so the attempt races a timer).
    func attempt(source: RecordsSource, body: Data, requestID: String, timeout: Duration) async -> Result<CitizenRecords?, AttemptFailure> {
        guard timeout > .zero else { return .failure(.timedOut(after: self.configuration.overallTimeout ?? timeout)) }
        var request = HTTPClientRequest(url: self.configuration.url(path: RecordsGatewayAPI.path(for: source)))
        request.method = .POST
        let timestamp = Int64(self.now().timeIntervalSince1970.rounded(.down))
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "onetrip-records/1")
        request.headers.add(name: UploadHeaders.timestamp, value: String(timestamp))
        request.headers.add(name: UploadHeaders.signature, value: self.signer.signature(body: body, timestamp: timestamp))
        request.body = .bytes(ByteBuffer(bytes: body))
        let client = self.client
        let prepared = request
        let deadline = NIODeadline.now() + .nanoseconds(RetryBackoff.nanoseconds(timeout))
        let answer: Answer
        do {
            answer = try await Self.withDeadline(timeout) {
                let response = try await client.execute(prepared, deadline: deadline)
                let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
                return Answer(status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"), body: Data(bytes.readableBytesView))
            }
        } catch {
            return .failure(self.classify(error, timeout: timeout))
        }
        return self.interpret(answer, source: source)
    }

    /// The status, content type and body of an answer.
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: Data

        /// `412 bytes of text/html`: what the body was, never what it said.
        var shape: String {
            "\(self.body.count) bytes" + (self.contentType.map { " of \($0)" } ?? "")
        }
    }

    /// What an answer means under the contract.
    func interpret(_ answer: Answer, source: RecordsSource) -> Result<CitizenRecords?, AttemptFailure> {
        let problem = RecordsGatewayAPI.Problem.decode(answer.body)
        switch answer.status {
        case 200:
            let records: CitizenRecords
            do {
                records = try JSONDecoder().decode(CitizenRecords.self, from: answer.body)
            } catch let error as DecodingError {
                return .failure(.malformed("the answer (\(answer.shape)) is not the contract's records JSON: \(Self.explain(error, body: answer.body))"))
            } catch {
                return .failure(.malformed("the answer (\(answer.shape)) could not be decoded: \(error)"))
            }
            guard records.source == source else {
                return .failure(.malformed("asked for \(source.rawValue) records, the gateway answered with \(records.source.rawValue) records"))
            }
            return .success(records)
        case 404 where problem?.code == .noRecords:
            return .success(nil)
        case 404:
            let detail = problem?.description ?? "not the gateway's contract (\(answer.shape)); check records.gateway_url"
            return .failure(.rejected(status: 404, "no such endpoint \(RecordsGatewayAPI.path(for: source)): \(detail)", retryable: false))
        case 401, 403:
            let detail: String
            switch problem?.code {
            case .timestampOutOfWindow:
                let time = problem?.serverTime.map { " (gateway time \($0))" } ?? ""
                detail = "the gateway refused the request time\(time): check the kiosk's clock; \(problem?.description ?? "")"
            default:
                detail = "the gateway refused the kiosk's signature (\(problem?.description ?? answer.shape)): check records.gateway_key_file and kiosk.id"
            }
            return .failure(.rejected(status: answer.status, detail, retryable: false))
        case 500, 502, 503, 504:
            return .failure(.rejected(status: answer.status, problem?.description ?? "the gateway failed (\(answer.shape))", retryable: true))
        default:
            return .failure(.rejected(status: answer.status, problem?.description ?? "unexpected answer (\(answer.shape))", retryable: false))
        }
    }

    /// Where a body stops being the contract's records: the JSON path of a wrong field, or the
    /// byte offset where the text stops being JSON (Foundation on Linux does not say).
    static func explain(_ error: DecodingError, body: Data) -> String {
        guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty else { return error.readableDescription }
        do {
            _ = try JSONParser.parse(Array(body))
        } catch {
            return error.description
        }
        return context.debugDescription
    }

    /// Maps a transport error to a failure, retryable unless another attempt would fail the same way.
    func classify(_ error: any Error, timeout: Duration) -> AttemptFailure {
        if Task.isCancelled { return .cancelled }
        if error is DeadlineReached { return .timedOut(after: timeout) }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
                return .timedOut(after: timeout)
            case .connectTimeout:
                return .unreachable("no connection within \(min(self.configuration.connectTimeout, timeout))")
            case .remoteConnectionClosed, .uncleanShutdown:
                return .unreachable("the gateway closed the connection before answering")
            case .bodyLengthMismatch:
                return .unreachable("the connection broke in the middle of the answer")
            case .cancelled:
                return .cancelled
            default:
                return .unreachable("HTTP client error: \(error)", retryable: false)
            }
        }
        if let error = error as? NIOTooManyBytesError {
            return .malformed("the answer is larger than \(error.maxBytes.map(String.init) ?? "the limit of") bytes")
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            let hint = self.configuration.trustedCertificatesPath.map { "is the gateway's certificate issued by the CA in \($0)?" }
                ?? "is the gateway's certificate trusted by the system (or set records.ca_file)?"
            return .unreachable("TLS handshake with \(self.configuration.authority) failed (\(hint)): \(error)", retryable: false)
        }
        return .unreachable("\(error)")
    }

    /// Runs `operation`, or throws ``DeadlineReached`` once `timeout` has passed (cancelling it).
    static func withDeadline<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Race<T>.self) { group in
            group.addTask { .finished(try await operation()) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .deadline
            }
            defer { group.cancelAll() }
            switch try await group.next() {
            case .finished(let value): return value
            case .deadline, nil: throw DeadlineReached()
            }
        }
    }

    enum Race<T: Sendable>: Sendable {
        case finished(T)
        case deadline
    }
}

/// An attempt's deadline passed.
struct DeadlineReached: Error {}
