import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the control API's responses: JSON bodies, problem objects and NDJSON streams.
enum ControlResponses {
    /// A JSON body.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try ControlJSON.makeEncoder().encode(value)
        return Response(status: status, headers: [.contentType: ControlJSON.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A problem body.
    static func problem(_ problem: ControlProblem) -> Response {
        let data = (try? ControlJSON.makeEncoder().encode(problem)) ?? Data("{}".utf8)
        return Response(
            status: HTTPResponse.Status(code: problem.status), headers: [.contentType: ControlJSON.problemContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The problem object for any error a handler or a ``KioskControl`` threw.
    static func problem(for error: any Error) -> ControlProblem {
        switch error {
        case let error as ControlError: error.problem
        case let error as HTTPError:
            ControlProblem(status: error.status.code, title: error.status.reasonPhrase.lowercased(), detail: error.body ?? Self.detail(for: error.status))
        case is CancellationError: ControlProblem(status: 503, title: "unavailable", detail: "onetripd is shutting down; try again once it has restarted")
        default: ControlError(.failed, "\(error)").problem
        }
    }

    private static func detail(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such endpoint; this onetripd offers /v1/status, /v1/devices, /v1/diagnostics, /v1/sessions, /v1/maintenance, /v1/queue and /v1/queue/flush"
        case .contentTooLarge: "the request body is too large"
        default: status.reasonPhrase
        }
    }

    /// An NDJSON stream: a progress line for each call of the operation's progress closure,
    /// then one result or problem line; an empty line every `heartbeat` in between, so clients
    /// (and their read timeouts) can tell a slow operation from a dead daemon. The operation is
    /// cancelled when a write fails because the client went away (noticed at the next line or
    /// heartbeat), and at the daemon's graceful shutdown.
    static func stream<Progress: Codable & Sendable, Result: Codable & Sendable>(
        heartbeat: Duration, _ operation: @escaping @Sendable (@escaping @Sendable (Progress) async -> Void) async throws -> Result
    ) -> Response {
        let body = ResponseBody { writer in
            let (lines, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .unbounded)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while true {
                        try await Task.sleep(for: heartbeat)
                        continuation.yield(ByteBuffer(string: "\n"))
                    }
                }
                group.addTask {
                    let last: ControlStreamLine<Progress, Result>
                    do {
                        let result = try await cancelWhenGracefulShutdown {
                            try await operation { progress in continuation.yield(Self.line(ControlStreamLine<Progress, Result>.progress(progress))) }
                        }
                        last = .result(result)
                    } catch {
                        last = .problem(Self.problem(for: error))
                    }
                    continuation.yield(Self.line(last))
                    continuation.finish()
                }
                // A failed write (the client went away) leaves the group and cancels the operation.
                for await line in lines { try await writer.write(line) }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: ControlJSON.streamContentType], body: body)
    }

    private static func line(_ value: some Encodable) -> ByteBuffer {
        var data = (try? ControlJSON.makeEncoder().encode(value)) ?? Data(#"{"problem":{"status":500,"title":"internal error","detail":"unencodable line"}}"#.utf8)
        data.append(0x0A)
        return ByteBuffer(bytes: data)
    }
}

/// Turns every error into a problem object, including the router's own 404.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ControlRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = ControlResponses.problem(for: error)
            if problem.status >= 500 {
                self.logger.error("control API \(request.method) \(request.uri.path): \(problem.detail)")
            }
            return ControlResponses.problem(problem)
        }
    }
}
