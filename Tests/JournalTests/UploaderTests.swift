import AsyncHTTPClient
import Foundation
import IngestHub
import Journal
import KioskCore
import KioskTestSupport
import Logging
import NIOCore
import OneTripSQLite
import ServiceLifecycle
import Testing
import UploadContract
import Uplink

/// The uploader against a real hub on loopback (HTTPS where the test is about transport), with
/// a real fault-injecting proxy in between where the test is about failures.
@Suite("Uploader and reference hub")
struct UploaderTests {
    let key = KioskKey.generate()
    var keys: [String: KioskKey] { [JournalFixtures.kioskID: self.key] }

    func makeUploader(
        _ journal: Journal, to url: URL, key: KioskKey? = nil, tls: Bool = false, batch: Int = 500, maxBytes: Int = 1 << 20,
        backoff: Backoff = Backoff(initial: .milliseconds(20), maximum: .milliseconds(200)), now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Uploader {
        var logger = Logger(label: "test.uplink")
        logger.logLevel = .critical
        return try Uploader(
            journal: journal,
            configuration: UploaderConfiguration(
                backOffice: url, kioskID: JournalFixtures.kioskID, key: key ?? self.key,
                trustedCertificatesPath: tls ? try TestCertificate.shared().certificatePath : nil, maxBatchRecords: batch, maxBatchBytes: maxBytes,
                backoff: backoff, requestTimeout: .seconds(10),
                connectTimeout: .milliseconds(500), idleInterval: .milliseconds(50)),
            logger: logger, now: now)
    }

    /// Records `visits` paid visits and a device event after each; returns the number of records.
    @discardableResult
    func recordVisits(_ journal: Journal, _ kiosk: inout SessionHarness, visits: Int) async throws -> Int {
        var count = 0
        for _ in 0..<visits {
            for entry in try JournalFixtures.paidTrafficFine(&kiosk) {
                try await journal.record(entry)
                count += 1
            }
            try await journal.recordEvent(.device("receipt-printer", code: "paper-low", message: "paper low"))
            count += 1
        }
        return count
    }

    /// The hub holds exactly the journal's records: same sequence numbers, same content, once.
    func expectHubMirrors(_ hub: RunningHub, journalPath: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let journalRecords = try JournalFixtures.outbox(journalPath)
        let hubRecords = try await hub.store.records(kioskID: JournalFixtures.kioskID, limit: 1_000_000)
        #expect(hubRecords == journalRecords, sourceLocation: sourceLocation)
        let summary = try await hub.store.kiosks().first
        #expect(summary?.records == journalRecords.count, sourceLocation: sourceLocation)
        #expect(summary?.missing == 0, sourceLocation: sourceLocation)
    }

    @Test func everythingArrivesOnceInOrderOverHTTPS() async throws {
        let hub = try await RunningHub.start(keys: self.keys, tls: true)
        defer { Task { await hub.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let recorded = try await self.recordVisits(journal, &kiosk, visits: 6)
        let uploader = try self.makeUploader(journal, to: hub.url, tls: true, batch: 10)
        let progress = ProgressLog()
        let result = try await uploader.flush { progress.append($0) }
        try await uploader.shutdown()
        #expect(result.uploaded == recorded)
        #expect(result.remaining == 0)
        #expect(progress.values.map(\.uploaded) == progress.values.map(\.uploaded).sorted())
        #expect(progress.values.count >= recorded / 10)
        #expect(try await journal.outboxStatus().pendingRecords == 0)
        try await self.expectHubMirrors(hub, journalPath: path)
        #expect(uploader.status.uploadedRecords == recorded)
    }

    @Test func plainHTTPSWithoutTrustingTheHubCertificateFails() async throws {
        let hub = try await RunningHub.start(keys: self.keys, tls: true)
        defer { Task { await hub.stop() } }
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        try await journal.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 1), event: .sessionEnded(.cancelled)))
        let uploader = try self.makeUploader(journal, to: hub.url, tls: false)
        guard case .failed(.unreachable(let reason)) = await uploader.sendBatch() else {
            Issue.record("an untrusted certificate was accepted")
            return
        }
        try await uploader.shutdown()
        #expect(!reason.isEmpty)
        #expect(try await hub.store.kiosks().isEmpty)
    }

    @Test func backOfficeDownForAWhileThenBackEverythingArrivesOnceInOrder() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-hub")
        let first = try await RunningHub.start(keys: self.keys, directory: directory)
        let port = first.port
        await first.stop()  // the back office goes down

        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        let uploader = try self.makeUploader(journal, to: URL(string: "http://127.0.0.1:\(port)")!, batch: 8)
        let running = Task { try await uploader.run() }
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 3)
        uploader.nudge()
        #expect(try await eventually { uploader.status.consecutiveFailures >= 3 })
        if case .backingOff = uploader.status.phase {} else if case .uploading = uploader.status.phase {} else {
            Issue.record("not backing off: \(uploader.status.phase)")
        }
        #expect(try await journal.outboxStatus().lastError?.contains("unreachable") == true)
        try await self.recordVisits(journal, &kiosk, visits: 3)  // the kiosk keeps working offline

        let hub = try await RunningHub.start(keys: self.keys, port: port, directory: directory)  // back
        #expect(try await eventually { try await journal.outboxStatus().pendingRecords == 0 })
        try await self.recordVisits(journal, &kiosk, visits: 1)
        uploader.nudge()
        #expect(try await eventually { try await journal.outboxStatus().pendingRecords == 0 })
        running.cancel()
        _ = await running.result
        try await uploader.shutdown()
        try await self.expectHubMirrors(hub, journalPath: path)
        #expect(try await journal.outboxStatus().lastError == nil)
        await hub.stop()
    }

    @Test func lostAnswersAndRefusedRequestsStoreEachRecordOnce() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let proxy = try await FaultyProxy.start(upstream: hub.url)
        defer { Task { await proxy.stop() } }
        await proxy.script.set([.refuse(status: 503), .loseAnswer(status: 500), .loseAnswer(status: 502), .refuse(status: 500)])
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let recorded = try await self.recordVisits(journal, &kiosk, visits: 2)
        let uploader = try self.makeUploader(journal, to: proxy.url, batch: 5)
        let result = try await uploader.flush(maxConsecutiveFailures: 10)
        try await uploader.shutdown()
        #expect(result.uploaded == recorded)
        try await self.expectHubMirrors(hub, journalPath: path)
        let exchanges = await proxy.script.exchanges
        #expect(exchanges.contains { ($0.hubAnswer?.duplicates ?? 0) > 0 }, "a re-sent batch was recognised as already stored")
        #expect(exchanges.prefix(3).allSatisfy { $0.sequences == Array(1...5) }, "the same batch is re-sent until acknowledged")
    }

    @Test func aHubFailureInTheMiddleOfABatchStoresNoneOfItAndTheRetryStoresAll() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        // A real failure inside the hub's store: the 8th insert of the batch aborts.
        let hubFile = try Database(path: hub.directory.appendingPathComponent("hub.sqlite").path)
        try hubFile.executeScript(
            "CREATE TRIGGER fail_mid_batch BEFORE INSERT ON hub_records WHEN NEW.seq = 8 BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;")
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 2)
        let uploader = try self.makeUploader(journal, to: hub.url, batch: 10)
        guard case .failed(.serverError(500, let detail)) = await uploader.sendBatch() else {
            Issue.record("expected a 500")
            return
        }
        #expect(detail.contains("internal_error"))
        #expect(try await hub.store.records(kioskID: JournalFixtures.kioskID).isEmpty, "records 1–7 of the failed batch were rolled back")
        #expect(await journal.counters.acknowledgedThrough == 0)
        #expect(try await journal.outboxStatus().lastError?.contains("500") == true)
        try hubFile.executeScript("DROP TRIGGER fail_mid_batch;")
        try await uploader.flush()
        try await uploader.shutdown()
        try await self.expectHubMirrors(hub, journalPath: path)
    }

    @Test func staleAndDuplicateAcknowledgementsNeverLoseOrRepeatRecords() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let proxy = try await FaultyProxy.start(upstream: hub.url)
        defer { Task { await proxy.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 2)
        let uploader = try self.makeUploader(journal, to: proxy.url, batch: 5)
        guard case .acknowledged(5, 5) = await uploader.sendBatch() else {
            Issue.record("first batch")
            return
        }
        // The hub stores 6…10 but the kiosk gets the stale answer for 1…5 (through 5).
        await proxy.script.set([.replayPreviousAnswer, .replayPreviousAnswer])
        guard case .failed(.incompleteAcknowledgement(sent: 10, acknowledged: 5)) = await uploader.sendBatch() else {
            Issue.record("a stale acknowledgement was taken for the batch")
            return
        }
        #expect(await journal.counters.acknowledgedThrough == 5, "a stale acknowledgement changes nothing")
        // The re-send is a duplicate at the hub, and its answer arrives twice (the proxy replays
        // the hub's real answer to the previous send): acknowledged once, through 10.
        guard case .acknowledged(records: 5, through: 10) = await uploader.sendBatch() else {
            Issue.record("the duplicate acknowledgement was not applied")
            return
        }
        let exchanges = await proxy.script.exchanges
        #expect(exchanges.last?.hubAnswer?.duplicates == 5)
        #expect(await journal.counters.acknowledgedThrough == 10)
        try await uploader.flush()
        try await uploader.shutdown()
        try await self.expectHubMirrors(hub, journalPath: path)
        // The journal itself ignores an acknowledgement it already has.
        let before = await journal.counters
        #expect(try await journal.acknowledge(through: 3).newlyAcknowledged == 0)
        #expect(await journal.counters == before)
    }

    @Test func theHubRejectsBadSignaturesUnknownKiosksAndTamperedBodies() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        try await journal.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 1), event: .sessionEnded(.cancelled)))
        let impostor = try self.makeUploader(journal, to: hub.url, key: KioskKey.generate())
        guard case .failed(.rejected(401, let problem)) = await impostor.sendBatch() else {
            Issue.record("a wrong key was accepted")
            return
        }
        try await impostor.shutdown()
        #expect(problem.code == .badSignature)
        #expect(try await journal.outboxStatus().lastError?.contains("signature") == true)
        #expect(try await journal.outboxStatus().pendingRecords == 1)

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { try? await client.shutdown() } }
        let batch = UploadBatch(
            kioskID: "TEST-01", records: [UploadRecord(sequence: 1, category: .audit, kind: "event.operator", recordedAt: 1, payload: "{}")]
        ).encoded()
        let now = Int64(Date().timeIntervalSince1970)
        let signature = RequestSignature(key: self.key).signature(body: batch, timestamp: now)
        func post(_ kiosk: String, _ body: [UInt8], timestamp: Int64?, signature: String?) async throws -> (Int, UploadProblem?) {
            var request = HTTPClientRequest(url: hub.url.absoluteString + UploadHeaders.eventsPath(kioskID: kiosk))
            request.method = .POST
            if let timestamp { request.headers.add(name: UploadHeaders.timestamp, value: String(timestamp)) }
            if let signature { request.headers.add(name: UploadHeaders.signature, value: signature) }
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: .seconds(10))
            var buffer = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), UploadProblem.decode(buffer.readBytes(length: buffer.readableBytes) ?? []))
        }
        var tampered = batch
        tampered[tampered.count - 4] = UInt8(ascii: "x")
        #expect(try await post("TEST-01", tampered, timestamp: now, signature: signature).1?.code == .badSignature)
        #expect(try await post("TEST-01", batch, timestamp: nil, signature: nil).1?.code == .missingSignature)
        #expect(try await post("OTHER-02", batch, timestamp: now, signature: signature).1?.code == .unknownKiosk)
        let (status, _) = try await post("TEST-01", batch, timestamp: now, signature: signature)
        #expect(status == 200)
        #expect(try await post("TEST-01", batch, timestamp: now, signature: signature).0 == 200, "a replay inside the window is harmless")
        #expect(try await hub.store.kiosks().first?.records == 1)
        // A correctly signed request from 10 minutes ago is a replay outside the window.
        let old = now - 600
        let (oldStatus, oldProblem) = try await post("TEST-01", batch, timestamp: old, signature: RequestSignature(key: self.key).signature(body: batch, timestamp: old))
        #expect(oldStatus == 401)
        #expect(oldProblem?.code == .timestampOutOfWindow)
        #expect(abs((oldProblem?.serverTime ?? 0) - now) < 30)
        let garbage = Array("not json".utf8)
        let (badStatus, badProblem) = try await post("TEST-01", garbage, timestamp: now, signature: RequestSignature(key: self.key).signature(body: garbage, timestamp: now))
        #expect(badStatus == 400)
        #expect(badProblem?.code == .malformedBody)
    }

    @Test func aKioskClockHoursOffIsCorrectedFromTheHubsAnswer() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 2)
        let skewed = try self.makeUploader(journal, to: hub.url, batch: 10, now: { Date().addingTimeInterval(2 * 3600) })
        guard case .clockCorrected(let offset) = await skewed.sendBatch() else {
            Issue.record("the skewed request was not refused and corrected")
            return
        }
        #expect(abs(offset + 7200) < 5)
        try await skewed.flush()
        try await skewed.shutdown()
        #expect(abs(skewed.status.clockOffset + 7200) < 5)
        try await self.expectHubMirrors(hub, journalPath: path)
    }

    @Test func batchesKeepTheirLimitsAndOnlyOneIsEverInFlight() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let proxy = try await FaultyProxy.start(upstream: hub.url)
        defer { Task { await proxy.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 5)
        let uploader = try self.makeUploader(journal, to: proxy.url, batch: 7)
        // A flush and the run loop and single sends all at once: still one batch at a time.
        let running = Task { try await uploader.run() }
        async let flushed = uploader.flush()
        async let extra1 = uploader.sendBatch()
        async let extra2 = uploader.sendBatch()
        _ = try await (flushed, extra1, extra2)
        #expect(try await eventually { try await journal.outboxStatus().pendingRecords == 0 })
        running.cancel()
        _ = await running.result
        try await uploader.shutdown()
        let exchanges = await proxy.script.exchanges
        #expect(await proxy.script.maxInFlight == 1)
        #expect(exchanges.allSatisfy { $0.sequences.count <= 7 && !$0.sequences.isEmpty })
        let sent = exchanges.flatMap(\.sequences)
        #expect(sent == sent.sorted(), "batches go in sequence order")
        #expect(Set(sent).count == sent.count, "no record sent twice when every answer arrives")
        try await self.expectHubMirrors(hub, journalPath: path)
    }

    @Test func aBodyTooLargeForTheHubHalvesTheBatch() async throws {
        let hub = try await RunningHub.start(keys: self.keys, maxBodyBytes: 3000)
        defer { Task { await hub.stop() } }
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        try await self.recordVisits(journal, &kiosk, visits: 3)
        let uploader = try self.makeUploader(journal, to: hub.url, batch: 64)
        guard case .failed(.rejected(413, _)) = await uploader.sendBatch() else {
            Issue.record("expected 413")
            return
        }
        try await uploader.flush(maxConsecutiveFailures: 10)
        try await uploader.shutdown()
        try await self.expectHubMirrors(hub, journalPath: path)
    }

    @Test func runStopsAfterAGracefulShutdown() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        defer { Task { await hub.stop() } }
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        let uploader = try self.makeUploader(journal, to: hub.url)
        var logger = Logger(label: "test.group")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [uploader], logger: logger))
        let running = Task { try await group.run() }
        try await journal.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 1), event: .sessionEnded(.cancelled)))
        uploader.nudge()
        #expect(try await eventually { await journal.counters.acknowledgedThrough == 1 })
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(uploader.status.phase == .stopped)
        try await uploader.shutdown()
    }

    @Test func aGracefulShutdownEndsALongBackoffAtOnce() async throws {
        let hub = try await RunningHub.start(keys: self.keys)
        let port = hub.port
        await hub.stop()
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        try await journal.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 1), event: .sessionEnded(.cancelled)))
        let uploader = try self.makeUploader(
            journal, to: URL(string: "http://127.0.0.1:\(port)")!, backoff: Backoff(initial: .seconds(600), maximum: .seconds(600)))
        var logger = Logger(label: "test.group")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [uploader], logger: logger))
        let running = Task { try await group.run() }
        #expect(try await eventually {
            if case .backingOff = uploader.status.phase { return true }
            return false
        })
        uploader.nudge()  // a nudge does not end the backoff
        try await Task.sleep(for: .milliseconds(200))
        #expect(uploader.status.consecutiveFailures == 1)
        let started = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(uploader.status.phase == .stopped)
        try await uploader.shutdown()
    }
}

/// Collects flush progress reports from a `@Sendable` callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [FlushProgress] = []
    func append(_ progress: FlushProgress) { self.lock.withLock { self.stored.append(progress) } }
    var values: [FlushProgress] { self.lock.withLock { self.stored } }
}
