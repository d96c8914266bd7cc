import CashModule
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The reference payment gateway on loopback HTTP (Hummingbird 2), with network faults a test
/// or a demo switches on: slow answers, answers that never arrive in time (the operation is
/// still carried out), and an outage (HTTP 503).
public final class PaymentGatewayServer: Sendable {
    /// Network faults.
    public struct Faults: Hashable, Sendable {
        /// Added before every answer.
        public var answerDelay: Duration = .zero
        /// Paths (`/v1/micropay`) whose next answers are held back, with how many.
        public var withheldAnswers: [String: Int] = [:]
        /// How long a withheld answer is held (longer than the client waits).
        public var withholdFor: Duration = .seconds(30)
        /// Whether every call gets HTTP 503.
        public var isDown = false

        /// No faults.
        public init() {}
    }

    /// The model behind the server.
    public let gateway: ReferenceGateway
    /// The merchant key callers must present (`Authorization: Bearer …`), if any.
    public let merchantKey: String?
    private let faults = FaultBox()
    private let task = TaskBox()

    /// Creates a server (not yet listening).
    public init(gateway: ReferenceGateway = ReferenceGateway(), merchantKey: String? = nil) {
        self.gateway = gateway
        self.merchantKey = merchantKey
    }

    /// Changes the faults.
    public func setFaults(_ change: @Sendable (inout Faults) -> Void) async {
        await self.faults.change(change)
    }

    /// Starts listening on `host:port` (port 0 = any free port).
    /// - Returns: the bound port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        let router = Router()
        for path in [PaymentGatewayAPI.micropayPath, PaymentGatewayAPI.queryPath, PaymentGatewayAPI.reversePath, PaymentGatewayAPI.refundPath] {
            router.post(RouterPath(path)) { request, context -> Response in
                try await self.answer(path: path, request: request, context: context)
            }
        }
        var logger = Logger(label: "onetrip.sim.payment-gateway")
        logger.logLevel = .warning
        let bound = BoundPort()
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)), onServerRunning: { channel in
                await bound.set(channel.localAddress?.port ?? -1)
            }, logger: logger)
        let running = Task { try await application.run() }
        self.task.set(running)
        let port = try await bound.wait(running)
        return port
    }

    /// Stops listening.
    public func stop() async {
        guard let running = self.task.take() else { return }
        running.cancel()
        _ = try? await running.value
    }

    private func answer(path: String, request: Request, context: some RequestContext) async throws -> Response {
        let faults = await self.faults.value
        if faults.isDown { return Response(status: .serviceUnavailable) }
        if let key = self.merchantKey, request.headers[.authorization] != "Bearer \(key)" { return Response(status: .unauthorized) }
        if faults.answerDelay > .zero { try await Task.sleep(for: faults.answerDelay) }
        let answer: PaymentGatewayAPI.Answer
        switch path {
        case PaymentGatewayAPI.micropayPath:
            answer = await self.gateway.micropay(try await request.decode(as: PaymentGatewayAPI.MicropayBody.self, context: context))
        case PaymentGatewayAPI.queryPath:
            answer = await self.gateway.query(try await request.decode(as: PaymentGatewayAPI.TradeBody.self, context: context))
        case PaymentGatewayAPI.reversePath:
            answer = await self.gateway.reverse(try await request.decode(as: PaymentGatewayAPI.TradeBody.self, context: context))
        default:
            answer = await self.gateway.refund(try await request.decode(as: PaymentGatewayAPI.RefundBody.self, context: context))
        }
        if await self.faults.takeWithheld(path) {
            // Carried out, but the answer arrives after the caller gave up: a lost response.
            try await Task.sleep(for: faults.withholdFor)
        }
        let data = try JSONEncoder().encode(answer)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private actor FaultBox {
        var value = Faults()
        func change(_ body: @Sendable (inout Faults) -> Void) { body(&self.value) }
        func takeWithheld(_ path: String) -> Bool {
            guard let count = self.value.withheldAnswers[path], count > 0 else { return false }
            self.value.withheldAnswers[path] = count - 1
            return true
        }
    }

    private actor BoundPort {
        var port: Int?
        func set(_ port: Int) { self.port = port }
        func wait(_ running: Task<Void, any Error>) async throws -> Int {
            while self.port == nil {
                try await Task.sleep(for: .milliseconds(5))
            }
            guard let port = self.port, port > 0 else { throw CancellationError() }
            return port
        }
    }

    private final class TaskBox: Sendable {
        private let storage = Mutex<Task<Void, any Error>?>(nil)
        func set(_ task: Task<Void, any Error>) { self.storage.withLock { $0 = task } }
        func take() -> Task<Void, any Error>? { self.storage.withLock { task in defer { task = nil }; return task } }
    }
}
