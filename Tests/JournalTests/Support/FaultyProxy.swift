import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UploadContract

/// A real HTTP proxy between a kiosk and a hub that fails requests as scripted: the way a
/// flaky network or load balancer does. Every request is logged.
final class FaultyProxy: Sendable {
    /// What to do with one request.
    enum Fault: Sendable {
        /// Answer `status` without forwarding (the hub never sees the batch).
        case refuse(status: Int)
        /// Forward (the hub stores the batch), then answer `status` instead (the answer is lost).
        case loseAnswer(status: Int)
        /// Forward, then answer with the previous successful answer (a stale, duplicate acknowledgement).
        case replayPreviousAnswer
    }

    /// One request as the proxy saw it.
    struct Exchange: Sendable {
        var sequences: [Int64]
        var statusReturned: Int
        var hubAnswer: UploadAcknowledgement?
    }

    actor Script {
        var faults: [Fault] = []
        var exchanges: [Exchange] = []
        var previousAnswer: [UInt8]?
        var inFlight = 0
        var maxInFlight = 0

        func next() -> Fault? { self.faults.isEmpty ? nil : self.faults.removeFirst() }
        func set(_ faults: [Fault]) { self.faults = faults }
        func log(_ exchange: Exchange) { self.exchanges.append(exchange) }
        func remember(_ answer: [UInt8]) -> [UInt8]? {
            defer { self.previousAnswer = answer }
            return self.previousAnswer
        }
        func begin() {
            self.inFlight += 1
            self.maxInFlight = max(self.maxInFlight, self.inFlight)
        }
        func end() { self.inFlight -= 1 }
    }

    let script: Script
    let port: Int
    private let task: Task<Void, any Error>
    private let client: HTTPClient

    var url: URL { URL(string: "http://127.0.0.1:\(self.port)")! }

    private init(port: Int, task: Task<Void, any Error>, client: HTTPClient, script: Script) {
        self.port = port
        self.task = task
        self.client = client
        self.script = script
    }

    static func start(upstream: URL) async throws -> FaultyProxy {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let script = Script()
        let router = Router(context: BasicRequestContext.self)
        router.post("/v1/kiosks/:kioskID/events") { request, _ in
            await script.begin()
            defer { Task { await script.end() } }
            var buffer = try await request.body.collect(upTo: 16 << 20)
            let body = buffer.readBytes(length: buffer.readableBytes) ?? []
            let sequences = (try? UploadBatch.decode(body))?.records.map(\.sequence) ?? []
            let fault = await script.next()
            if case .refuse(let status)? = fault {
                await script.log(Exchange(sequences: sequences, statusReturned: status, hubAnswer: nil))
                let problem = UploadProblem(code: .internalError, message: "proxy refused", serverTime: Int64(Date().timeIntervalSince1970))
                return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(bytes: problem.encoded())))
            }
            var forward = HTTPClientRequest(url: upstream.absoluteString + request.uri.path)
            forward.method = .POST
            for field in request.headers where field.name.canonicalName.hasPrefix("x-onetrip") || field.name == .contentType {
                forward.headers.add(name: field.name.rawName, value: field.value)
            }
            forward.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(forward, timeout: .seconds(30))
            var answerBuffer = try await response.body.collect(upTo: 1 << 20)
            let answer = answerBuffer.readBytes(length: answerBuffer.readableBytes) ?? []
            let acknowledgement = try? UploadAcknowledgement.decode(answer)
            let previous = response.status.code == 200 ? await script.remember(answer) : nil
            switch fault {
            case .loseAnswer(let status)?:
                await script.log(Exchange(sequences: sequences, statusReturned: status, hubAnswer: acknowledgement))
                return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: "<html>bad gateway</html>")))
            case .replayPreviousAnswer?:
                if let previous {
                    await script.log(Exchange(sequences: sequences, statusReturned: 200, hubAnswer: acknowledgement))
                    return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: previous)))
                }
                fallthrough
            default:
                await script.log(Exchange(sequences: sequences, statusReturned: Int(response.status.code), hubAnswer: acknowledgement))
                return Response(status: .init(code: Int(response.status.code)), body: .init(byteBuffer: ByteBuffer(bytes: answer)))
            }
        }
        var logger = Logger(label: "test.proxy")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("proxy did not start") }
        return FaultyProxy(port: port, task: task, client: client, script: script)
    }

    func stop() async {
        self.task.cancel()
        _ = await self.task.result
        try? await self.client.shutdown()
    }
}
