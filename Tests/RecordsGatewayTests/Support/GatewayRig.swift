import Foundation
import KioskCore
import KioskTestSupport
import Logging
import Records
import RecordsGateway
import RecordsGatewaySimulator
import Testing
import UploadContract

/// A reference gateway on a loopback port (HTTP or HTTPS) serving the shipped seeds, and the
/// kiosk's gateway client pointed at it; both log into one ``CapturedLog``.
struct GatewayRig: Sendable {
    let server: RecordsGatewayServer
    let port: Int
    let scheme: String
    let key: KioskKey
    let log: CapturedLog

    /// The gateway's base URL.
    var url: URL { URL(string: "\(self.scheme)://127.0.0.1:\(self.port)")! }

    /// Starts a gateway, runs `body`, and stops the gateway whatever happens.
    static func run<T: Sendable>(
        tls: Bool = false, allowedSkew: Duration = .seconds(300), serverClock: @escaping @Sendable () -> Date = { Date() },
        _ body: (GatewayRig) async throws -> T
    ) async throws -> T {
        let key = KioskKey.generate()
        let log = CapturedLog()
        let server = RecordsGatewayServer(
            responder: RecordsGatewayResponder(books: try Fixtures.recordBooks(), key: key, allowedSkew: allowedSkew),
            logger: log.logger("test.records-gateway"), now: serverClock)
        let pki = tls ? try TestPKI.shared() : nil
        let port = try await server.start(port: 0, tls: pki.map { ($0.serverCertificatePath, $0.serverKeyPath) })
        let rig = GatewayRig(server: server, port: port, scheme: tls ? "https" : "http", key: key, log: log)
        do {
            let result = try await body(rig)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// A client configuration for this gateway (fast retries so tests stay quick).
    func configuration(
        key: KioskKey? = nil, trusting caPath: String? = nil, timeout: Duration = .seconds(10), retries: Int = 2, overallTimeout: Duration? = nil
    ) -> RecordsGatewayConfiguration {
        RecordsGatewayConfiguration(
            baseURL: self.url, kioskID: "HS-0001", key: key ?? self.key, trustedCertificatesPath: caPath, requestTimeout: timeout,
            retries: retries, backoff: RetryBackoff(initial: .milliseconds(20), maximum: .milliseconds(80)), overallTimeout: overallTimeout)
    }

    /// Runs `body` with a client, shutting the client down afterwards.
    func withClient<T: Sendable>(
        _ configuration: RecordsGatewayConfiguration? = nil, now: @escaping @Sendable () -> Date = { Date() },
        _ body: (HTTPRecordsGateway) async throws -> T
    ) async throws -> T {
        let client = try HTTPRecordsGateway(configuration: configuration ?? self.configuration(), logger: self.log.logger("test.records-client"), now: now)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The requests the gateway saw with one request id (one lookup's attempts).
    func attempts(of requestID: String) -> [GatewayRequestRecord] {
        self.server.requests().filter { $0.requestID == requestID }
    }
}

/// Runs a lookup that must fail and returns its error.
func lookupFailure(_ client: HTTPRecordsGateway, _ source: RecordsSource, _ number: DocumentNumber) async -> RecordsProviderError? {
    do {
        let records = try await client.records(from: source, for: number)
        Issue.record("expected a failure, got \(String(describing: records))")
        return nil
    } catch {
        return error
    }
}
