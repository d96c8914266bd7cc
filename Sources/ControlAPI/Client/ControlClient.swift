import AsyncHTTPClient
import DeviceKit
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Talks to `onetripd`'s control API over its Unix socket (HTTP with AsyncHTTPClient, URLs
/// `http+unix://<percent-encoded socket path>/v1/…`).
///
/// Failures are ``ControlClientError``: a daemon that is not running (no socket, or a stale
/// one), a socket this user may not open (not in the group), a problem the daemon answered.
///
/// ```swift
/// let client = ControlClient(socketPath: "/run/onetrip/control.sock")
/// let status = try await client.status()
/// ```
public struct ControlClient: Sendable {
    /// The daemon's socket.
    public let socketPath: String
    /// The group that may use it, named in the permission error.
    public let accessGroup: String?
    /// How long a plain request may take.
    public var timeout: Duration
    let httpClient: HTTPClient

    /// Creates a client.
    /// - Parameters:
    ///   - httpClient: the HTTP client (default: the process-wide shared one, which never needs
    ///     shutting down; its 90-second read timeout is well above the stream heartbeat).
    public init(socketPath: String, accessGroup: String? = "onetrip", timeout: Duration = .seconds(30), httpClient: HTTPClient = .shared) {
        self.socketPath = socketPath
        self.accessGroup = accessGroup
        self.timeout = timeout
        self.httpClient = httpClient
    }

    /// `GET /v1/status`.
    public func status() async throws(ControlClientError) -> KioskStatusReport {
        try await self.get("/v1/status")
    }

    /// `GET /v1/devices`.
    public func devices() async throws(ControlClientError) -> [DeviceReport] {
        let report: DevicesReport = try await self.get("/v1/devices")
        return report.devices
    }

    /// `GET /v1/sessions`.
    public func sessions() async throws(ControlClientError) -> SessionsReport {
        try await self.get("/v1/sessions")
    }

    /// `GET /v1/queue`.
    public func queue() async throws(ControlClientError) -> QueueReport {
        try await self.get("/v1/queue")
    }

    /// `POST /v1/maintenance`.
    public func setMaintenance(_ enabled: Bool, reason: String? = nil) async throws(ControlClientError) -> MaintenanceState {
        let response = try await self.send(.POST, "/v1/maintenance", body: MaintenanceRequest(enabled: enabled, reason: reason))
        return try await self.decode(response)
    }

    /// `POST /v1/diagnostics`: runs the checks in the daemon, calling `onEntry` as each finishes.
    public func runDiagnostics(
        _ request: DiagnosticRequest, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void = { _ in }
    ) async throws(ControlClientError) -> DiagnosticReport {
        let response = try await self.send(.POST, "/v1/diagnostics", body: request)
        return try await self.stream(response, progress: onEntry)
    }

    /// `POST /v1/queue/flush`: uploads until the queue is empty, calling `progress` after each batch.
    public func flushQueue(progress: @escaping @Sendable (QueueFlushProgress) async -> Void = { _ in }) async throws(ControlClientError) -> QueueFlushResult {
        let response = try await self.send(.POST, "/v1/queue/flush", body: Optional<MaintenanceRequest>.none)
        return try await self.stream(response, progress: progress)
    }

    /// Whether a daemon answers on the socket: `false` when none runs; other failures (no
    /// permission) are thrown, since the daemon is there and owns the devices.
    public func isDaemonRunning() async throws(ControlClientError) -> Bool {
        do {
            _ = try await self.status()
            return true
        } catch {
            if error.isNotRunning { return false }
            throw error
        }
    }

    // MARK: Requests

    private func get<T: Decodable>(_ path: String) async throws(ControlClientError) -> T {
        let response = try await self.send(.GET, path, body: Optional<MaintenanceRequest>.none)
        return try await self.decode(response)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: (some Encodable)?) async throws(ControlClientError) -> HTTPClientResponse {
        try self.checkSocket()
        guard let url = URL(httpURLWithSocketPath: self.socketPath, uri: path) else {
            throw .transport(socket: self.socketPath, detail: "the socket path cannot be put in a URL")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        if let body {
            do {
                request.body = .bytes(ByteBuffer(bytes: try ControlJSON.makeEncoder().encode(body)))
            } catch {
                throw .malformedResponse("cannot encode the request: \(error)")
            }
            request.headers.add(name: "Content-Type", value: ControlJSON.contentType)
        }
        do {
            let (seconds, attoseconds) = self.timeout.components
            return try await self.httpClient.execute(request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        } catch {
            throw self.classify(error)
        }
    }

    private func decode<T: Decodable>(_ response: HTTPClientResponse) async throws(ControlClientError) -> T {
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw self.classify(error)
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else { throw Self.problem(status: Int(response.status.code), data: data) }
        do {
            return try ControlJSON.makeDecoder().decode(T.self, from: data)
        } catch {
            throw .malformedResponse("\(T.self): \(error)")
        }
    }

    private func stream<Progress: Codable & Sendable, Result: Codable & Sendable>(
        _ response: HTTPClientResponse, progress: @Sendable (Progress) async -> Void
    ) async throws(ControlClientError) -> Result {
        guard (200..<300).contains(response.status.code) else {
            let data = (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
            throw Self.problem(status: Int(response.status.code), data: data)
        }
        var splitter = NDJSONLineSplitter()
        let decoder = ControlJSON.makeDecoder()
        func handle(_ line: [UInt8]) async throws(ControlClientError) -> Result? {
            guard !line.isEmpty else { return nil }  // a heartbeat
            let decoded: ControlStreamLine<Progress, Result>
            do {
                decoded = try decoder.decode(ControlStreamLine<Progress, Result>.self, from: Data(line))
            } catch {
                throw .malformedResponse("stream line: \(error)")
            }
            switch decoded {
            case .progress(let value):
                await progress(value)
                return nil
            case .result(let value): return value
            case .problem(let problem): throw .problem(problem)
            }
        }
        do {
            for try await chunk in response.body {
                for line in try splitter.append(chunk.readableBytesView) {
                    if let result = try await handle(line) { return result }
                }
            }
        } catch let error as ControlClientError {
            throw error
        } catch let error as NDJSONLineSplitter.LineTooLong {
            throw .malformedResponse(error.description)
        } catch {
            throw self.classify(error)
        }
        if let last = splitter.finish(), let result = try await handle(last) { return result }
        throw .transport(socket: self.socketPath, detail: "the answer ended before the result (did onetripd stop?)")
    }

    private static func problem(status: Int, data: Data) -> ControlClientError {
        if let problem = try? ControlJSON.makeDecoder().decode(ControlProblem.self, from: data) { return .problem(problem) }
        let text = String(decoding: data.prefix(200), as: UTF8.self)
        return .problem(ControlProblem(status: status, title: "HTTP \(status)", detail: text.isEmpty ? "HTTP status \(status)" : text))
    }

    // MARK: Errors

    /// Tells a missing daemon and a missing permission apart before connecting, so the error
    /// says which.
    private func checkSocket() throws(ControlClientError) {
        var info = stat()
        guard lstat(self.socketPath, &info) == 0 else {
            if errno == EACCES { throw .permissionDenied(socket: self.socketPath, group: self.accessGroup) }
            throw .notRunning(socket: self.socketPath, detail: "no socket")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notRunning(socket: self.socketPath, detail: "no socket (another kind of file)") }
        switch UnixSocketProbe.errorConnecting(to: self.socketPath) {
        case 0: return
        case ECONNREFUSED, ENOENT: throw .notRunning(socket: self.socketPath, detail: "a stale socket nobody answers on")
        case EACCES, EPERM: throw .permissionDenied(socket: self.socketPath, group: self.accessGroup)
        case let code: throw .transport(socket: self.socketPath, detail: String(cString: strerror(code)))
        }
    }

    private func classify(_ error: any Error) -> ControlClientError {
        if let error = error as? ControlClientError { return error }
        let code = (error as? IOError)?.errnoCode
        switch code {
        case ECONNREFUSED, ENOENT: return .notRunning(socket: self.socketPath, detail: "a stale socket nobody answers on")
        case EACCES, EPERM: return .permissionDenied(socket: self.socketPath, group: self.accessGroup)
        default: break
        }
        let text = "\(error)"
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return .notRunning(socket: self.socketPath, detail: "a stale socket nobody answers on")
        }
        return .transport(socket: self.socketPath, detail: text)
    }
}
