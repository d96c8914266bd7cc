import Foundation
import KioskCore
import KioskTestSupport
import Records
import RecordsGateway
import RecordsGatewaySimulator
import Testing
import UploadContract

@Suite("HTTP records gateway against the reference gateway")
struct HTTPRecordsGatewayTests {
    /// Every source, with a citizen whose book holds it.
    static let sourcesWithHolders: [(RecordsSource, String)] = [
        (.socialInsurance, "alpha"), (.householdRegistration, "alpha"), (.criminalRecord, "alpha"), (.trafficViolations, "alpha"),
        (.exitEntry, "bravo"), (.appointments, "alpha"),
    ]

    @Test func everySourceAnswersTheSeedRecords() async throws {
        #expect(Set(Self.sourcesWithHolders.map(\.0)) == Set(RecordsSource.allCases))
        try await GatewayRig.run { rig in
            try await rig.withClient { client in
                for (source, key) in Self.sourcesWithHolders {
                    let book = try Fixtures.recordBook(for: key)
                    let expected = try #require(book.records(from: source), "seed \(key) has no \(source)")
                    let records = try await client.records(from: source, for: book.documentNumber)
                    #expect(records == expected, "\(source)")
                }
            }
            let requests = rig.server.requests()
            #expect(requests.count == Self.sourcesWithHolders.count)
            #expect(requests.allSatisfy { $0.status == 200 && $0.kioskID == "HS-0001" })
            #expect(Set(requests.compactMap(\.requestID)).count == requests.count, "every lookup has its own request id")
        }
    }

    @Test func aCitizenWithoutRecordsIsNil() async throws {
        try await GatewayRig.run { rig in
            try await rig.withClient { client in
                let india = try Fixtures.citizen("india").identity.documentNumber
                #expect(try await client.records(from: .socialInsurance, for: india) == nil)
                let delta = try Fixtures.citizen("delta").identity.documentNumber
                #expect(try await client.records(from: .trafficViolations, for: delta) == nil)
            }
            #expect(rig.server.requests().map(\.status) == [404, 404])
            #expect(rig.server.requests().allSatisfy { $0.outcome == "no_records" })
        }
    }

    @Test func aSlowAnswerBeyondTheDeadlineTimesOut() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.answerDelay = .seconds(5) }
            let configuration = rig.configuration(timeout: .milliseconds(400), retries: 1)
            let error = try await rig.withClient(configuration) { client in
                await lookupFailure(client, .socialInsurance, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .timedOut(let label, let after) = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                return
            }
            #expect(after == .milliseconds(400))
            #expect(label.contains("2 attempts"), "\(label)")
            // Timeouts are retried: both attempts reached the gateway, with one request id.
            let seen = try await waitForRequests(rig, count: 2)
            #expect(Set(seen.compactMap(\.requestID)).count == 1)
        }
    }

    @Test func anOverallBudgetCutsRetriesShort() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.answerDelay = .seconds(5) }
            let configuration = rig.configuration(timeout: .milliseconds(600), retries: 5, overallTimeout: .milliseconds(900))
            let started = ContinuousClock.now
            let error = try await rig.withClient(configuration) { client in
                await lookupFailure(client, .trafficViolations, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .timedOut(_, let after) = error else {
                Issue.record("expected timedOut, got \(String(describing: error))")
                return
            }
            #expect(after == .milliseconds(900), "the budget, not the cut-short attempt's remainder")
            #expect(ContinuousClock.now - started < .seconds(4), "the budget bounds the lookup (generous sanity bound)")
            // Retries 5 would allow 6 attempts; 900 ms leave room for at most 2 of 600 ms.
            #expect((1...2).contains(rig.server.requestCount))
        }
    }

    @Test func serviceUnavailableThenSuccessWithinTheRetries() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.set(.status(503), count: 2) }
            let book = try Fixtures.recordBook(for: "alpha")
            let records = try await rig.withClient(rig.configuration(retries: 2)) { client in
                try await client.records(from: .trafficViolations, for: book.documentNumber)
            }
            #expect(records == book.records(from: .trafficViolations))
            let requests = rig.server.requests()
            #expect(requests.map(\.status) == [503, 503, 200])
            #expect(Set(requests.compactMap(\.requestID)).count == 1, "one request id across the retries")
        }
    }

    @Test func aPersistentServerErrorFailsAfterBoundedRetries() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.set(.status(500)) }
            let error = try await rig.withClient(rig.configuration(retries: 2)) { client in
                await lookupFailure(client, .socialInsurance, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .rejected(let label, let status, let detail) = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(status == 500)
            #expect(detail.contains("internal_error"), "\(detail)")
            #expect(label.contains("3 attempts"), "\(label)")
            #expect(rig.server.requests().count == 3, "1 attempt + 2 retries, then no more")
        }
    }

    @Test(arguments: [
        (GatewayFaults.Fault.malformedJSON, "not the contract's records JSON: malformed JSON at byte "),
        (.wrongSchema, ".data: required key is missing"),
        (.wrongSource, "asked for trafficViolations records, the gateway answered with"),
    ])
    func aMalformedAnswerIsReportedOnceWithoutRetry(fault: GatewayFaults.Fault, expected: String) async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.set(fault) }
            let error = try await rig.withClient(rig.configuration(retries: 3)) { client in
                await lookupFailure(client, .trafficViolations, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .malformed(_, let detail) = error else {
                Issue.record("expected malformed, got \(String(describing: error))")
                return
            }
            #expect(detail.contains(expected), "\(detail)")
            #expect(error?.recordsFailure == .malformedAnswer(detail))
            #expect(rig.server.requests().count == 1, "a malformed answer is never retried")
        }
    }

    @Test func aDroppedConnectionIsRetried() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.set(.dropConnection, count: 1) }
            let book = try Fixtures.recordBook(for: "bravo")
            let records = try await rig.withClient { client in try await client.records(from: .exitEntry, for: book.documentNumber) }
            #expect(records == book.records(from: .exitEntry))
            let requests = rig.server.requests()
            #expect(requests.map(\.status) == [nil, 200])
            #expect(Set(requests.compactMap(\.requestID)).count == 1)
        }
    }

    @Test func connectionsDroppedEveryTimeEndUnreachable() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.set(.dropConnection) }
            let error = try await rig.withClient(rig.configuration(retries: 1)) { client in
                await lookupFailure(client, .appointments, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .unreachable(let label, let reason) = error else {
                Issue.record("expected unreachable, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("closed the connection"), "\(reason)")
            #expect(label.contains("2 attempts"))
            #expect(rig.server.requests().count == 2)
        }
    }

    @Test func aNotFoundThatIsNotTheContractsIsAnError() async throws {
        // A wrong base path gets the web server's bare 404: that must not read as "no records".
        try await GatewayRig.run { rig in
            var configuration = rig.configuration(retries: 2)
            configuration.baseURL = rig.url.appendingPathComponent("wrong")
            let error = try await rig.withClient(configuration) { client in
                await lookupFailure(client, .trafficViolations, try Fixtures.citizen("alpha").identity.documentNumber)
            }
            guard case .rejected(let label, 404, let detail) = error else {
                Issue.record("expected a 404 refusal, got \(String(describing: error))")
                return
            }
            #expect(detail.contains("check records.gateway_url"), "\(detail)")
            #expect(label.contains("1 attempt"))
        }
    }

    @Test func aCancelledLookupEndsPromptly() async throws {
        try await GatewayRig.run { rig in
            rig.server.setFaults { $0.answerDelay = .seconds(30) }
            let number = try Fixtures.citizen("alpha").identity.documentNumber
            try await rig.withClient(rig.configuration(timeout: .seconds(30))) { client in
                let lookup = Task { () async -> RecordsProviderError? in
                    do throws(RecordsProviderError) {
                        _ = try await client.records(from: .socialInsurance, for: number)
                        return nil
                    } catch {
                        return error
                    }
                }
                _ = try await waitForRequests(rig, count: 1)
                let cancelled = ContinuousClock.now
                lookup.cancel()
                let error = await lookup.value
                #expect(ContinuousClock.now - cancelled < .seconds(10), "generous sanity bound; the answer would take 30 s")
                guard case .unreachable(_, let reason) = error else {
                    Issue.record("expected unreachable, got \(String(describing: error))")
                    return
                }
                #expect(reason.contains("cancelled"), "\(reason)")
            }
            #expect(rig.server.requestCount == 1, "a cancelled lookup is not retried")
        }
    }

    @Test func aGatewayThatIsNotListeningIsUnreachable() async throws {
        // Bind a port, stop the gateway, then ask: nothing listens there any more.
        let (url, key) = try await GatewayRig.run { rig in (rig.url, rig.key) }
        let configuration = RecordsGatewayConfiguration(
            baseURL: url, kioskID: "HS-0001", key: key, requestTimeout: .seconds(5), retries: 1, backoff: RetryBackoff(initial: .milliseconds(10)))
        let client = try HTTPRecordsGateway(configuration: configuration, logger: CapturedLog().logger("test"))
        let error = await lookupFailure(client, .socialInsurance, try Fixtures.citizen("alpha").identity.documentNumber)
        try await client.shutdown()
        guard case .unreachable(let label, _) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(label.contains("2 attempts"), "a refused connection is retried: \(label)")
    }
}

/// Waits until the gateway has logged `count` requests (a timed-out attempt is logged when
/// the gateway finishes waiting, after the client gave up).
func waitForRequests(_ rig: GatewayRig, count: Int, timeout: Duration = .seconds(20)) async throws -> [GatewayRequestRecord] {
    let deadline = ContinuousClock.now + timeout
    while rig.server.requests().count < count, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
    return rig.server.requests()
}
