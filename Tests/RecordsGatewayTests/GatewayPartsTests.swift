import Foundation
import KioskCore
import KioskTestSupport
import OneTripConfiguration
import Records
import RecordsGateway
import RecordsGatewaySimulator
import Testing
import UploadContract

@Suite("Records gateway parts")
struct GatewayPartsTests {
    // MARK: Retry pauses

    @Test func retryPausesDoubleUpToTheCapWithEqualJitter() {
        let backoff = RetryBackoff(initial: .milliseconds(250), maximum: .seconds(2))
        #expect((1...6).map(backoff.nominalDelay(retry:)) == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2)])
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...6 {
            let nominal = backoff.nominalDelay(retry: attempt)
            for _ in 0..<50 {
                let delay = backoff.delay(retry: attempt, using: &generator)
                #expect(delay >= nominal / 2 && delay <= nominal, "retry \(attempt): \(delay)")
            }
        }
        #expect(RetryBackoff(initial: .zero).delay(retry: 3, using: &generator) == .zero)
    }

    // MARK: Configuration

    @Test(arguments: [
        ("http://10.0.0.5:8090", "plain http to 10.0.0.5"),
        ("http://127.0.0.1.example.com", "plain http to 127.0.0.1.example.com"),
        ("ftp://127.0.0.1", "must be https"),
        ("https://records.example?x=1", "must not have a query"),
    ])
    func urlsThatAreNotHTTPSOrLoopbackAreRefused(url: String, expected: String) {
        let configuration = RecordsGatewayConfiguration(baseURL: URL(string: url)!, kioskID: "HS-0001", key: KioskKey.generate())
        do {
            let client = try HTTPRecordsGateway(configuration: configuration)
            Issue.record("accepted \(client.name)")
        } catch {
            guard case .misconfigured(let detail) = error else {
                Issue.record("expected misconfigured, got \(error)")
                return
            }
            #expect(detail.contains(expected), "\(detail)")
        }
    }

    @Test(arguments: ["http://127.0.0.1:8090", "http://localhost:8090", "http://[::1]:8090", "https://records.example:8443/base/"])
    func httpsAndLoopbackAreAccepted(url: String) async throws {
        let client = try HTTPRecordsGateway(configuration: RecordsGatewayConfiguration(baseURL: URL(string: url)!, kioskID: "HS-0001", key: KioskKey.generate()))
        #expect(client.name == "gateway \(url)")
        try await client.shutdown()
    }

    @Test func anUnreadableCAFileIsAConfigurationError() {
        let configuration = RecordsGatewayConfiguration(
            baseURL: URL(string: "https://records.example")!, kioskID: "HS-0001", key: KioskKey.generate(), trustedCertificatesPath: "/nonexistent/ca.pem")
        #expect(throws: RecordsProviderError.misconfigured("cannot read the gateway's CA file /nonexistent/ca.pem")) {
            _ = try HTTPRecordsGateway(configuration: configuration)
        }
    }

    @Test func aCAFileWithoutACertificateIsAConfigurationError() throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-records-ca")
        let path = directory.appendingPathComponent("ca.pem").path
        try "not a certificate\n".write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = RecordsGatewayConfiguration(
            baseURL: URL(string: "https://records.example")!, kioskID: "HS-0001", key: KioskKey.generate(), trustedCertificatesPath: path)
        do {
            let client = try HTTPRecordsGateway(configuration: configuration)
            Issue.record("accepted \(client.name)")
        } catch {
            guard case .misconfigured(let detail) = error else {
                Issue.record("expected misconfigured, got \(error)")
                return
            }
            #expect(detail.contains(path), "\(detail)")
        }
    }

    @Test func theDaemonsConfigurationBuildsTheGateway() throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-records-config")
        let keyFile = directory.appendingPathComponent("gateway.key").path
        let key = KioskKey.generate()
        try key.hexEncoded.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let text = """
            [kiosk]
            id = "HS-0042"
            office = "示例派出所"

            [session]
            records_timeout = "20s"

            [records]
            provider = "gateway"
            gateway_url = "https://records.gateway.example:8443"
            gateway_key_file = "\(keyFile)"
            ca_file = "/etc/onetrip/records-ca.pem"
            timeout = "6s"
            retries = 3
            """
        let configuration = try RecordsGatewayConfiguration(configuration: KioskConfiguration(document: TOMLDocument(text: text, file: "onetrip.toml")))
        #expect(configuration.baseURL.absoluteString == "https://records.gateway.example:8443")
        #expect(configuration.kioskID == "HS-0042")
        #expect(configuration.key.fingerprint == key.fingerprint)
        #expect(configuration.trustedCertificatesPath == "/etc/onetrip/records-ca.pem")
        #expect(configuration.requestTimeout == .seconds(6))
        #expect(configuration.retries == 3)
        #expect(configuration.overallTimeout == .seconds(19), "a second less than the session's records timeout")

        let missingKey = text.replacingOccurrences(of: keyFile, with: directory.appendingPathComponent("absent.key").path)
        #expect(throws: RecordsProviderError.self) {
            _ = try RecordsGatewayConfiguration(configuration: KioskConfiguration(document: TOMLDocument(text: missingKey, file: "onetrip.toml")))
        }
        let embedded = text.replacingOccurrences(of: "provider = \"gateway\"", with: "provider = \"embedded\"")
        #expect(throws: RecordsProviderError.self) {
            _ = try RecordsGatewayConfiguration(configuration: KioskConfiguration(document: TOMLDocument(text: embedded, file: "onetrip.toml")))
        }
    }

    // MARK: Contract

    @Test func theQueryKeepsTheNumberInTheBodyAndOutOfItsDescription() throws {
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber
        let query = RecordsGatewayAPI.Query(documentNumber: alpha, requestID: "R-1", kioskID: "HS-0001")
        let body = String(decoding: query.encoded(), as: UTF8.self)
        #expect(body == "{\"documentNumber\":\"\(alpha.unmaskedValue)\",\"kioskID\":\"HS-0001\",\"requestID\":\"R-1\"}")
        #expect(!query.description.contains(alpha.unmaskedValue))
        #expect(!String(reflecting: query).contains(alpha.unmaskedValue))
        #expect(!RecordsGatewayAPI.path(for: .socialInsurance).contains(alpha.unmaskedValue))
        #expect(try JSONDecoder().decode(RecordsGatewayAPI.Query.self, from: query.encoded()) == query)
    }

    // MARK: Fault switches

    @Test func faultCommandsSetCountAndClear() throws {
        var faults = GatewayFaults()
        #expect(try faults.apply(controlLine: "fail 503 2") == "ok fail 503 (2 more)")
        #expect(try faults.apply(controlLine: "delay 1.5s") == "ok delay 1.5 seconds; fail 503 (2 more)")
        #expect(faults.take() == .status(503))
        #expect(faults.take() == .status(503))
        #expect(faults.take() == nil, "the first N requests fail, then they succeed")
        #expect(try faults.apply(controlLine: "drop") == "ok delay 1.5 seconds; drop (until cleared)")
        for _ in 0..<5 { #expect(faults.take() == .dropConnection) }
        #expect(try faults.apply(controlLine: "wrong-source 1") != nil)
        #expect(faults.fault == .wrongSource)
        #expect(try faults.apply(controlLine: "clear") == "ok no faults")
        #expect(try faults.apply(controlLine: "place alpha") == nil, "not a fault command")
        for bad in ["fail", "fail 700", "fail 503 0", "delay soon", "malformed x"] {
            #expect(throws: GatewayControlError.self, "\(bad)") { _ = try faults.apply(controlLine: bad) }
        }
    }

    // MARK: The reference gateway's answers

    static func request(_ source: String, _ number: DocumentNumber, key: KioskKey, at time: Date, signature: String? = nil) -> RecordsGatewayResponder.Request {
        let body = Array(RecordsGatewayAPI.Query(documentNumber: number, requestID: "R-7", kioskID: "HS-0001").encoded())
        let timestamp = Int64(time.timeIntervalSince1970)
        return RecordsGatewayResponder.Request(
            sourceName: source, timestamp: String(timestamp), signature: signature ?? RequestSignature(key: key).signature(body: body, timestamp: timestamp), body: body)
    }

    @Test func theResponderChecksBeforeItAnswers() throws {
        let key = KioskKey.generate()
        let responder = RecordsGatewayResponder(books: try Fixtures.recordBooks(), key: key)
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber
        let now = Date()
        func outcome(_ request: RecordsGatewayResponder.Request, at time: Date = now) -> (Int?, String) {
            let reply = responder.reply(to: request, now: time, fault: nil)
            return (reply.answer?.status, reply.outcome)
        }
        #expect(outcome(Self.request("trafficViolations", alpha, key: key, at: now)) == (200, "found 3 rows"))
        #expect(outcome(Self.request("passports", alpha, key: key, at: now)) == (404, "unknown_source"))
        #expect(outcome(Self.request("trafficViolations", alpha, key: key, at: now, signature: "v1=00")) == (401, "bad_signature"))
        #expect(outcome(Self.request("trafficViolations", alpha, key: KioskKey.generate(), at: now)) == (401, "bad_signature"))
        #expect(outcome(Self.request("trafficViolations", alpha, key: key, at: now), at: now.addingTimeInterval(301)) == (401, "timestamp_out_of_window"))
        #expect(outcome(Self.request("trafficViolations", alpha, key: key, at: now), at: now.addingTimeInterval(-299)) == (200, "found 3 rows"))
        var unsigned = Self.request("trafficViolations", alpha, key: key, at: now)
        unsigned.signature = nil
        #expect(outcome(unsigned) == (401, "missing_signature"))
        let india = try Fixtures.citizen("india").identity.documentNumber
        #expect(outcome(Self.request("socialInsurance", india, key: key, at: now)) == (404, "no_records"))

        // A body that is not a query: 400, naming the field but never echoing the number.
        let body = Array("{\"documentNumber\":\"330203199001011234\",\"requestID\":\"R\",\"kioskID\":\"K\"}".utf8)
        let timestamp = Int64(now.timeIntervalSince1970)
        let bad = RecordsGatewayResponder.Request(
            sourceName: "socialInsurance", timestamp: String(timestamp), signature: RequestSignature(key: key).signature(body: body, timestamp: timestamp), body: body)
        let reply = responder.reply(to: bad, now: now, fault: nil)
        #expect(reply.answer?.status == 400)
        let text = String(decoding: reply.answer?.body ?? [], as: UTF8.self)
        #expect(text.contains("documentNumber is not a valid document number"), "\(text)")
        #expect(!text.contains("330203199001011234"))
        #expect(reply.requestID == "R" && reply.kioskID == "K")
    }

    @Test func faultsChangeTheAnswerButNeverTheLookup() throws {
        let key = KioskKey.generate()
        let responder = RecordsGatewayResponder(books: try Fixtures.recordBooks(), key: key)
        let india = try Fixtures.citizen("india").identity.documentNumber
        let request = Self.request("socialInsurance", try Fixtures.citizen("golf").identity.documentNumber, key: key, at: Date())
        #expect(responder.reply(to: request, now: Date(), fault: .status(503)).answer?.status == 503)
        #expect(responder.reply(to: request, now: Date(), fault: .dropConnection).answer == nil)
        let wrong = try #require(responder.reply(to: request, now: Date(), fault: .wrongSource).answer)
        let records = try JSONDecoder().decode(CitizenRecords.self, from: Data(wrong.body))
        #expect(records.source != .socialInsurance)
        let cut = try #require(responder.reply(to: request, now: Date(), fault: .malformedJSON).answer)
        #expect(throws: (any Error).self) { _ = try JSONSerialization.jsonObject(with: Data(cut.body)) }
        // A corrupting fault leaves refusals alone.
        let none = Self.request("socialInsurance", india, key: key, at: Date())
        #expect(responder.reply(to: none, now: Date(), fault: .malformedJSON).answer?.status == 404)
    }
}
