import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KioskCore
import Logging
import NIOCore
import NIOSSL
import Records
import Synchronization
import UploadContract

/// The reference records gateway (Hummingbird 2, HTTP or HTTPS on loopback): serves the seed
/// record books under the contract in ``RecordsGatewayAPI``, checks signatures and timestamps,
/// and shows the faults switched on in ``GatewayFaults`` (slow, failing, malformed, wrong
/// schema, wrong source, dropped connections, first N requests failing).
///
/// `onetrip sim records-gateway` runs it with a control socket; tests start it in-process.
/// Its log lines carry request ids, kiosks, sources and statuses, never a document number.
public final class RecordsGatewayServer: Sendable {
    /// The answers.
    public let responder: RecordsGatewayResponder
    let logger: Logger
    let now: @Sendable () -> Date
    private let state = Mutex(State())

    private struct State {
        var faults = GatewayFaults()
        var requests: [GatewayRequestRecord] = []
        var requestCount = 0
        var task: Task<Void, any Error>?
        var isStopping = false
    }

    /// How many request records the log keeps.
    static let requestLogLimit = 1000

    /// Creates a server (not yet listening).
    /// - Parameters:
    ///   - logger: request log lines go here at `info`; Hummingbird's own at the logger's level.
    ///   - now: the gateway's clock (tests skew it to check the timestamp window).
    public init(responder: RecordsGatewayResponder, logger: Logger = Logger(label: "onetrip.sim.records-gateway"), now: @escaping @Sendable () -> Date = { Date() }) {
        self.responder = responder
        self.logger = logger
        self.now = now
    }

    /// Starts listening; HTTPS when `tls` names a PEM certificate chain and private key.
    /// - Parameter port: 0 picks a free port.
    /// - Returns: the bound port.
    /// - Throws: ``RecordsGatewayServerError`` for unreadable TLS files; errors from binding.
    public func start(host: String = "127.0.0.1", port: Int = 0, tls: (certificateChainPath: String, privateKeyPath: String)? = nil) async throws -> Int {
        let router = Router(context: GatewayRequestContext.self)
        router.post("/v1/records/:source") { request, context in
            try await self.respond(to: request, context: context)
        }
        router.get(RouterPath(RecordsGatewayAPI.healthPath)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
        }
        let server: HTTPServerBuilder
        if let tls {
            server = try .tls(.http1(), tlsConfiguration: try Self.tlsConfiguration(certificateChainPath: tls.certificateChainPath, privateKeyPath: tls.privateKeyPath))
        } else {
            server = .http1()
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "onetrip-records-gateway"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: self.logger)
        let running = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        self.state.withLock {
            $0.task = running
            $0.isStopping = false
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await running.value
            throw RecordsGatewayServerError.stoppedBeforeListening
        }
        return bound
    }

    /// Stops listening (answers being delayed end at once) and waits for the server to end.
    public func stop() async {
        let running = self.state.withLock { state -> Task<Void, any Error>? in
            state.isStopping = true
            defer { state.task = nil }
            return state.task
        }
        guard let running else { return }
        running.cancel()
        _ = await running.result
    }

    /// The faults in force.
    public var faults: GatewayFaults { self.state.withLock { $0.faults } }

    /// Changes the faults.
    public func setFaults(_ change: (inout GatewayFaults) -> Void) {
        self.state.withLock { change(&$0.faults) }
    }

    /// Applies a fault command under the lock (so no request takes a half-changed fault).
    func applyFaultCommand(_ line: String) throws(GatewayControlError) -> String? {
        try self.state.withLock { (state) throws(GatewayControlError) -> String? in try state.faults.apply(controlLine: line) }
    }

    /// The requests received, oldest first (at most the last 1000).
    public func requests() -> [GatewayRequestRecord] { self.state.withLock { $0.requests } }

    /// How many records requests arrived since the start.
    public var requestCount: Int { self.state.withLock { $0.requestCount } }

    private var isStopping: Bool { self.state.withLock { $0.isStopping } }

    private func respond(to request: Request, context: GatewayRequestContext) async throws -> Response {
        let sourceName = context.parameters.get("source") ?? ""
        let (fault, delay) = self.state.withLock { state in
            state.requestCount += 1
            return (state.faults.take(), state.faults.answerDelay)
        }
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: RecordsGatewayAPI.maxQueryBytes)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            let problem = RecordsGatewayAPI.Problem(code: .malformedQuery, message: "the body is larger than \(RecordsGatewayAPI.maxQueryBytes) bytes")
            self.note(GatewayRequestRecord(requestID: nil, kioskID: nil, source: sourceName, status: 413, outcome: "too large", receivedAt: self.now()))
            return Self.response(status: 413, body: Array(problem.encoded()))
        }
        let reply = self.responder.reply(
            to: RecordsGatewayResponder.Request(
                sourceName: sourceName, timestamp: request.headers[values: HTTPField.Name(UploadHeaders.timestamp)!].first,
                signature: request.headers[values: HTTPField.Name(UploadHeaders.signature)!].first, body: body),
            now: self.now(), fault: fault)
        self.note(
            GatewayRequestRecord(
                requestID: reply.requestID, kioskID: reply.kioskID, source: sourceName, status: reply.answer?.status, outcome: reply.outcome,
                receivedAt: self.now()))
        // The department found the answer but is slow to deliver it (the log already has the request).
        await self.wait(delay)
        guard let answer = reply.answer else {
            try? await context.channel.close()
            throw RecordsGatewayServerError.droppedConnection
        }
        return Self.response(status: answer.status, body: answer.body)
    }

    private func note(_ record: GatewayRequestRecord) {
        self.state.withLock { state in
            state.requests.append(record)
            if state.requests.count > Self.requestLogLimit { state.requests.removeFirst(state.requests.count - Self.requestLogLimit) }
        }
        self.logger.info(
            "records request",
            metadata: [
                "requestID": "\(record.requestID ?? "-")", "kiosk": "\(record.kioskID ?? "-")", "source": "\(record.source.prefix(40))",
                "status": "\(record.status.map(String.init) ?? "dropped")", "outcome": "\(record.outcome)",
            ])
    }

    /// Waits out the answer delay in short steps, so ``stop()`` never waits for a slow answer.
    private func wait(_ delay: Duration) async {
        let end = ContinuousClock.now + delay
        while ContinuousClock.now < end, !self.isStopping, !Task.isCancelled {
            try? await Task.sleep(for: min(.milliseconds(50), end - ContinuousClock.now))
        }
    }

    static func response(status: Int, body: [UInt8]) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func tlsConfiguration(certificateChainPath: String, privateKeyPath: String) throws(RecordsGatewayServerError) -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else { throw RecordsGatewayServerError.tls("\(certificateChainPath) holds no PEM certificate") }
            let key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        } catch let error as RecordsGatewayServerError {
            throw error
        } catch {
            throw .tls("cannot load the certificate \(certificateChainPath) or key \(privateKeyPath): \(error)")
        }
    }
}

/// Why the reference gateway cannot start, or what it did to a request.
public enum RecordsGatewayServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The TLS certificate or key could not be loaded.
    case tls(String)
    /// The server ended before it listened.
    case stoppedBeforeListening
    /// A `drop` fault closed the connection (thrown to end the request).
    case droppedConnection

    public var description: String {
        switch self {
        case .tls(let reason): "HTTPS: \(reason)"
        case .stoppedBeforeListening: "the records gateway stopped before it listened"
        case .droppedConnection: "connection dropped (fault)"
        }
    }
}

/// Hummingbird's basic context plus the connection's channel, which the `drop` fault closes.
struct GatewayRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The connection.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
