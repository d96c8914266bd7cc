import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import UploadContract

/// The reference ingest hub's HTTP(S) server: `POST /v1/kiosks/{kioskID}/events` (the contract
/// in `docs/openapi.yaml`) and `GET /v1/health`.
public struct HubServer: Sendable {
    /// Where and how to listen.
    public struct Configuration: Sendable {
        /// The address to bind (`127.0.0.1`, `0.0.0.0`).
        public var host: String
        /// The port; 0 picks a free one (reported to `onListening`).
        public var port: Int
        /// PEM certificate chain and private key for HTTPS; `nil` serves plain HTTP (tests, or
        /// behind a TLS-terminating proxy).
        public var tls: (certificateChainPath: String, privateKeyPath: String)?
        /// The largest body accepted (a kiosk's batch byte limit must be below it).
        public var maxBodyBytes: Int

        /// Creates a configuration (default 127.0.0.1:8443, 8 MiB bodies).
        public init(host: String = "127.0.0.1", port: Int = 8443, tls: (certificateChainPath: String, privateKeyPath: String)? = nil, maxBodyBytes: Int = 8 << 20) {
            self.host = host
            self.port = port
            self.tls = tls
            self.maxBodyBytes = maxBodyBytes
        }
    }

    let store: HubStore
    let verifier: UploadVerifier
    let configuration: Configuration
    let logger: Logger

    /// Creates a server.
    public init(store: HubStore, verifier: UploadVerifier, configuration: Configuration, logger: Logger = Logger(label: "onetrip.hub")) {
        self.store = store
        self.verifier = verifier
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until the task is cancelled (or a graceful shutdown, when run in a service group).
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    /// - Throws: ``HubServerError`` for unreadable TLS files; errors from binding.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: BasicRequestContext.self)
        let endpoint = IngestEndpoint(store: self.store, verifier: self.verifier, maxBodyBytes: self.configuration.maxBodyBytes, logger: self.logger)
        router.post("/v1/kiosks/:kioskID/events") { request, context in
            try await endpoint.respond(to: request, kioskID: context.parameters.require("kioskID"))
        }
        router.get("/v1/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
        }
        let server: HTTPServerBuilder
        if let tls = self.configuration.tls {
            server = try .tls(.http1(), tlsConfiguration: try Self.tlsConfiguration(certificateChainPath: tls.certificateChainPath, privateKeyPath: tls.privateKeyPath))
        } else {
            server = .http1()
        }
        let application = Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(address: .hostname(self.configuration.host, port: self.configuration.port), serverName: "onetrip-hub"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: self.logger)
        try await application.run()
    }

    static func tlsConfiguration(certificateChainPath: String, privateKeyPath: String) throws(HubServerError) -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else { throw HubServerError.tls("\(certificateChainPath) holds no PEM certificate") }
            let key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        } catch let error as HubServerError {
            throw error
        } catch {
            throw .tls("cannot load the certificate \(certificateChainPath) or key \(privateKeyPath): \(error)")
        }
    }
}

/// Why the hub server cannot start.
public enum HubServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The TLS certificate or key could not be loaded.
    case tls(String)

    public var description: String {
        switch self {
        case .tls(let reason): "HTTPS: \(reason)"
        }
    }
}
