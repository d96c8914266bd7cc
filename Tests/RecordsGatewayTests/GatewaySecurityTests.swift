import Foundation
import KioskCore
import KioskTestSupport
import Records
@testable import RecordsGateway
import RecordsGatewaySimulator
import Testing
import UploadContract

@Suite("Records gateway: signatures, clocks, HTTPS and personal data")
struct GatewaySecurityTests {
    @Test func aWrongKeyIsRefusedWith401AndSaidClearly() async throws {
        try await GatewayRig.run { rig in
            let error = try await rig.withClient(rig.configuration(key: KioskKey.generate(), retries: 2)) { client in
                await lookupFailure(client, .socialInsurance, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .rejected(_, let status, let detail) = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(status == 401)
            #expect(detail.contains("bad_signature"), "\(detail)")
            #expect(detail.contains("records.gateway_key_file"), "the technician is told what to check: \(detail)")
            #expect(rig.server.requests().map(\.outcome) == ["bad_signature"], "a 4xx is never retried")
        }
    }

    @Test func aKioskClockOutsideTheWindowIsRefused() async throws {
        let gatewayTime = Date(timeIntervalSince1970: 1_795_000_000)
        try await GatewayRig.run(allowedSkew: .seconds(300), serverClock: { gatewayTime }) { rig in
            let error = try await rig.withClient(now: { gatewayTime.addingTimeInterval(-3600) }) { client in
                await lookupFailure(client, .socialInsurance, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .rejected(_, 401, let detail) = error else {
                Issue.record("expected a 401, got \(String(describing: error))")
                return
            }
            #expect(detail.contains("check the kiosk's clock"), "\(detail)")
            #expect(detail.contains("3600 s behind"), "\(detail)")
            #expect(detail.contains("gateway time 1795000000"), "the gateway's clock is passed on: \(detail)")
            #expect(rig.server.requests().map(\.outcome) == ["timestamp_out_of_window"])
        }
    }

    @Test func theDocumentNumberNeverReachesErrorsOrLogs() async throws {
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber
        let number = alpha.unmaskedValue
        var descriptions: [String] = []
        let lines = try await GatewayRig.run { rig in
            let faults: [GatewayFaults.Fault?] = [nil, .status(503), .status(500), .malformedJSON, .wrongSchema, .wrongSource, .dropConnection]
            for fault in faults {
                rig.server.setFaults { faults in
                    faults = GatewayFaults()
                    if let fault { faults.set(fault) }
                }
                try await rig.withClient(rig.configuration(retries: 1)) { client in
                    for source in RecordsSource.allCases {
                        do throws(RecordsProviderError) {
                            _ = try await client.records(from: source, for: alpha)
                        } catch {
                            descriptions.append(error.description)
                            descriptions.append(error.recordsFailure.description)
                            descriptions.append(String(reflecting: error))
                        }
                    }
                }
            }
            // A wrong key and a bad clock, too.
            for (key, now) in [(KioskKey.generate(), Date()), (rig.key, Date().addingTimeInterval(7200))] {
                try await rig.withClient(rig.configuration(key: key), now: { now }) { client in
                    let error = await lookupFailure(client, .trafficViolations, alpha)
                    descriptions.append(String(describing: error))
                }
            }
            // A slow gateway.
            rig.server.setFaults { $0 = GatewayFaults() }
            rig.server.setFaults { $0.answerDelay = .seconds(3) }
            try await rig.withClient(rig.configuration(timeout: .milliseconds(300), retries: 0)) { client in
                descriptions.append(String(describing: await lookupFailure(client, .criminalRecord, alpha)))
            }
            return rig.log.all
        }
        #expect(descriptions.count > 20)
        #expect(lines.count > 20, "the client and the gateway logged what they did")
        #expect(lines.contains { $0.contains("records request") })
        for text in descriptions + lines {
            #expect(!text.contains(number), "\(text)")
            #expect(!text.lowercased().contains(number.lowercased()))
        }
    }

    @Test func aGatewayEchoingTheNumberIsMaskedInTheError() async throws {
        // The client does not trust the gateway to keep the number out of its problem messages.
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber
        let configuration = RecordsGatewayConfiguration(baseURL: URL(string: "http://127.0.0.1:9")!, kioskID: "HS-0001", key: KioskKey.generate())
        let client = try HTTPRecordsGateway(configuration: configuration)
        let echo = RecordsGatewayAPI.Problem(code: .unavailable, message: "lookup for \(alpha.unmaskedValue.lowercased()) failed").encoded()
        let outcome = client.interpret(.init(status: 503, contentType: "application/json", body: echo), source: .socialInsurance)
        try await client.shutdown()
        guard case .failure(let failure) = outcome else {
            Issue.record("a 503 was taken for an answer")
            return
        }
        #expect(failure.isRetryable)
        let error = failure.providerError(label: "records gateway test", redacting: alpha)
        #expect(!error.description.lowercased().contains(alpha.unmaskedValue.lowercased()), "\(error)")
        #expect(error.description.contains(alpha.masked), "\(error)")
    }

    @Test func httpsWithTheConfiguredCA() async throws {
        let pki = try TestPKI.shared()
        try await GatewayRig.run(tls: true) { rig in
            let book = try Fixtures.recordBook(for: "alpha")
            let records = try await rig.withClient(rig.configuration(trusting: pki.caPath)) { client in
                try await client.records(from: .householdRegistration, for: book.documentNumber)
            }
            #expect(records == book.records(from: .householdRegistration))
        }
    }

    @Test(arguments: [true, false])
    func anUntrustedCertificateIsRefusedWithoutRetry(trustingAnotherCA: Bool) async throws {
        let pki = try TestPKI.shared()
        try await GatewayRig.run(tls: true) { rig in
            let configuration = rig.configuration(trusting: trustingAnotherCA ? pki.otherCAPath : nil, retries: 2)
            let error = try await rig.withClient(configuration) { client in
                await lookupFailure(client, .householdRegistration, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .unreachable(let label, let reason) = error else {
                Issue.record("expected unreachable, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("TLS handshake"), "\(reason)")
            #expect(label.contains("1 attempt"), "a certificate problem is not retried: \(label)")
            #expect(rig.server.requestCount == 0, "nothing reached the gateway")
        }
    }
}
