import Foundation
@testable import Journal
import KioskCore
import KioskTestSupport
import OneTripSQLite
import Testing
import UploadContract

@Suite("Journal: recording visits, events, privacy, outbox")
struct JournalRecordingTests {
    @Test func realVisitsBecomeTransactionsWithStatesAmountsAndStatistics() async throws {
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var menu = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let visits = [
            try JournalFixtures.paidTrafficFine(&menu, citizen: "alpha"),
            try JournalFixtures.abandonedPayment(&menu, citizen: "alpha"),
            try JournalFixtures.printedProof(&menu, citizen: "bravo"),
        ]
        let day = Date(timeIntervalSince1970: 1_764_115_200)  // 2025-11-26 08:00 Asia/Shanghai
        var sequences: [Int64] = []
        for (index, entry) in visits.joined().enumerated() {
            sequences.append(try await journal.record(entry, at: day.addingTimeInterval(Double(index))))
        }
        #expect(sequences == Array(1...Int64(sequences.count)))

        let outbox = try JournalFixtures.outbox(path)
        #expect(outbox.map(\.kind) == visits.joined().map { EntryEffects($0.event).kind })
        #expect(outbox.allSatisfy { $0.category == .transaction })

        let transactions = try await journal.transactions(matching: TransactionQuery())
        #expect(transactions.count == 3)
        let fine = try #require(transactions.first { $0.state == .completed && $0.service == "traffic-fine-payment" })
        #expect(fine.amountDue == .yuan(350))
        #expect(fine.amountPaid == .yuan(400))
        #expect(fine.credit == .yuan(50))
        #expect(fine.paymentMethod == .cash)
        #expect(fine.receipt == "printed receipt")
        #expect(fine.outcome == .completed)
        #expect(fine.citizen?.documentNumber == "330203********3518")
        #expect(fine.day == "2025-11-26")
        let abandoned = try #require(transactions.first { $0.state == .needsAttention })
        #expect(abandoned.amountPaid == .yuan(50))
        #expect(abandoned.attentionReason != nil)
        let proof = try #require(transactions.first { $0.certificate == "printed" })
        #expect(proof.state == .completed)

        // An operator finds a citizen's transactions by the number on the card, typed in lower case.
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber.unmaskedValue
        let key = try JournalFixtures.keyer.key(forTyped: alpha.lowercased())
        #expect(try await journal.transactions(matching: TransactionQuery(citizenKey: key)).count == 2)
        #expect(try await journal.transactions(matching: TransactionQuery(states: [.needsAttention])).map(\.id) == [abandoned.id])
        #expect(try await journal.transactions(matching: TransactionQuery(service: "social-insurance-proof")).count <= 1)
        #expect(throws: IDNumberError.self) { try JournalFixtures.keyer.key(forTyped: "11010519491231002") }

        let statistics = try await journal.dailyStatistics()
        #expect(statistics.count == 1)
        #expect(statistics.first?.sessions == 3)
        #expect(statistics.first?.transactions == 3)
        #expect(statistics.first?.needsAttention == 1)
        #expect(statistics.first?.amountPaid == .yuan(450))
        #expect(statistics.first?.credit == .yuan(50))

        // The operator's log shows what needs attention; the visit's history is in order.
        let attention = try await journal.events(matching: EventQuery(minimumLevel: .critical))
        #expect(attention.map(\.event.code) == ["needs-attention"])
        let history = try await journal.history(ofSession: abandoned.sessionID)
        #expect(history.first?.kind == "journal.sessionStarted")
        #expect(history.last?.kind == "journal.sessionEnded")

        // An operator resolves it; a late note for it makes it need attention again.
        let id = TransactionID(session: try #require(Journal.sessionID(parsing: abandoned.sessionID)))
        #expect(try await journal.resolve(id, resolution: "refunded ¥50", by: "wang"))
        #expect(try await journal.transaction(id)?.state == .resolved)
        #expect(try await !journal.resolve(id, resolution: "again", by: "wang"))
        try await journal.record(JournalEntry(sessionID: id.session, transactionID: id, event: .transactionClosed(.completed)))
        #expect(try await journal.transaction(id)?.state == .completed)
        try await journal.record(JournalEntry(sessionID: id.session, transactionID: id, event: .needsAttention("late note ¥20")))
        try await journal.record(JournalEntry(sessionID: id.session, transactionID: id, event: .transactionClosed(.completed)))
        #expect(try await journal.transaction(id)?.state == .needsAttention)
        #expect(try await journal.highestSessionNumber() >= 3)
    }

    @Test func noFullIDNumberNameOrAddressReachesTheDisk() async throws {
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        var menu = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let citizens = ["alpha", "bravo", "charlie", "delta"]
        for citizen in citizens.dropLast() {
            for entry in try JournalFixtures.printedProof(&menu, citizen: citizen) { try await journal.record(entry) }
        }
        // delta's card expired: the refusal is journalled too.
        let refusal = menu.send(.cardRead(try JournalFixtures.reading("delta"))).compactMap(\.journalEntry)
        #expect(refusal.contains { if case .cardRejected = $0.event { true } else { false } })
        for entry in refusal { try await journal.record(entry) }
        for entry in try JournalFixtures.paidTrafficFine(&menu, citizen: "alpha") { try await journal.record(entry) }
        let files = [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
        let bytes = try files.reduce(Data()) { $0 + (try Data(contentsOf: URL(fileURLWithPath: $1))) }
        var foundMasked = false
        for citizen in citizens {
            let identity = try Fixtures.citizen(citizen).identity
            for secret in [identity.documentNumber.unmaskedValue, identity.name, identity.address ?? ""] where secret.utf8.count >= 6 {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(citizen)'s personal data is on disk")
            }
            if citizen != "delta" { foundMasked = foundMasked || bytes.range(of: Data(identity.masked.documentNumber.utf8)) != nil }
        }
        #expect(foundMasked, "the masked number is what is stored")
    }

    @Test func telemetryIsCappedOldestFirstAndTransactionsAreNeverDropped() async throws {
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path) { $0.telemetryCap = TelemetryCap(maxRecords: 10, maxBytes: 1 << 20) }
        let session = SessionID(kioskID: "TEST-01", number: 1)
        for index in 0..<40 {
            try await journal.recordEvent(.device("receipt-printer", code: "paper-low", message: "paper low #\(index)"))
            #expect(await journal.currentSynchronous == .normal)
            if index % 4 == 0 {
                try await journal.record(JournalEntry(sessionID: session, event: .recordsFetched(.trafficViolations, count: index)))
                #expect(await journal.currentSynchronous == .full)
            }
        }
        let outbox = try JournalFixtures.outbox(path)
        let telemetry = outbox.filter { $0.category == .telemetry }
        #expect(telemetry.count <= 10)
        #expect(telemetry.last?.payload.contains("paper low #39") == true, "the newest telemetry is kept")
        #expect(outbox.filter { $0.category == .transaction }.count == 10, "every transaction record is kept")
        let counters = await journal.counters
        #expect(counters.droppedTelemetry == Int64(40 - telemetry.count))
        #expect(try await journal.outboxStatus().pendingTelemetry == telemetry.count)
        #expect(try await journal.outboxStatus().droppedTelemetry == counters.droppedTelemetry)
        // The local log keeps every event.
        #expect(try await journal.events(matching: EventQuery(category: .device, limit: 100)).count == 40)
        // The byte cap applies too.
        let small = try await JournalFixtures.open(try JournalFixtures.temporaryPath()) { $0.telemetryCap = TelemetryCap(maxRecords: 1000, maxBytes: 2000) }
        for index in 0..<100 {
            try await small.recordEvent(.device("bill-validator", code: "reconnected", message: "reconnected after \(index) s"))
        }
        #expect(try await small.outboxStatus().pendingBytes <= 2000)
        #expect(await small.counters.droppedTelemetry > 0)
        // The counts stay exact across a reopen.
        let reopened = try await JournalFixtures.open(path) { $0.telemetryCap = TelemetryCap(maxRecords: 10, maxBytes: 1 << 20) }
        #expect(await reopened.counters == counters)
    }

    @Test func acknowledgementsNeverMoveBackwardsOrPastWhatWasIssued() async throws {
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        let session = SessionID(kioskID: "TEST-01", number: 1)
        for count in 0..<10 { try await journal.record(JournalEntry(sessionID: session, event: .recordsFetched(.socialInsurance, count: count))) }
        #expect(try await journal.acknowledge(through: 4) == AcknowledgementResult(acknowledgedThrough: 4, newlyAcknowledged: 4))
        #expect(try await journal.acknowledge(through: 4) == AcknowledgementResult(acknowledgedThrough: 4, newlyAcknowledged: 0))
        #expect(try await journal.acknowledge(through: 2) == AcknowledgementResult(acknowledgedThrough: 4, newlyAcknowledged: 0))
        #expect(try await journal.acknowledge(through: 1000) == AcknowledgementResult(acknowledgedThrough: 10, newlyAcknowledged: 6))
        #expect(try await journal.pendingRecords(limit: 100, maxBytes: 1 << 20).isEmpty)
        let status = try await journal.outboxStatus()
        #expect(status.pendingRecords == 0 && status.acknowledgedThrough == 10 && status.lastUploadAt != nil)
    }

    @Test func pendingRecordsRespectBothBatchLimits() async throws {
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        let session = SessionID(kioskID: "TEST-01", number: 1)
        for count in 0..<30 { try await journal.record(JournalEntry(sessionID: session, event: .recordsFetched(.socialInsurance, count: count))) }
        #expect(try await journal.pendingRecords(limit: 7, maxBytes: 1 << 20).map(\.sequence) == Array(1...7))
        let bySize = try await journal.pendingRecords(limit: 100, maxBytes: 1000)
        #expect(bySize.count > 1 && bySize.count < 30)
        #expect(bySize.reduce(0) { $0 + $1.encodedSizeEstimate } <= 1000)
        #expect(try await journal.pendingRecords(limit: 100, maxBytes: 1).count == 1, "one record always goes")
        #expect(try await journal.pendingRecords(after: 25, limit: 100, maxBytes: 1 << 20).map(\.sequence) == Array(26...30))
    }

    @Test func retentionPurgesOnlyAcknowledgedFinishedRecordsAndNeverReusesNumbers() async throws {
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path) { $0.retention = .seconds(30 * 86_400) }
        var menu = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        for entry in try JournalFixtures.paidTrafficFine(&menu) + JournalFixtures.abandonedPayment(&menu) {
            try await journal.record(entry, at: old)
        }
        try await journal.recordEvent(.device("receipt-printer", code: "paper-low", message: "low"), at: old)
        let acknowledged = await journal.counters.highestSequence
        try await journal.acknowledge(through: acknowledged)
        for entry in try JournalFixtures.paidTrafficFine(&menu) { try await journal.record(entry, at: old) }  // old but not acknowledged
        let highestSession = try await journal.highestSessionNumber()

        let report = try await journal.purgeExpired(now: old.addingTimeInterval(31 * 86_400))
        #expect(report.outboxRecords == Int(acknowledged))
        #expect(report.transactions == 1, "the completed fine goes; the one needing attention stays")
        #expect(report.events >= 1)
        let remaining = try await journal.transactions(matching: TransactionQuery())
        #expect(Set(remaining.map(\.state)) == [.needsAttention, .completed])
        #expect(remaining.count == 2)
        #expect(try JournalFixtures.outbox(path).allSatisfy { $0.sequence > acknowledged })

        // Purge everything acknowledged, reopen: numbers continue, never reused.
        try await journal.acknowledge(through: await journal.counters.highestSequence)
        let highest = await journal.counters.highestSequence
        try await journal.purgeExpired(now: old.addingTimeInterval(31 * 86_400))
        #expect(try JournalFixtures.outbox(path).isEmpty)
        let reopened = try await JournalFixtures.open(path)
        #expect(await reopened.counters.highestSequence == highest)
        #expect(try await reopened.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 99), event: .sessionEnded(.timedOut))) == highest + 1)
        #expect(try await reopened.highestSessionNumber() >= highestSession)
    }

    @Test func eventQueriesFilterByLevelCategorySourceAndTime() async throws {
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        let start = Date(timeIntervalSince1970: 1_764_115_200)
        try await journal.recordEvent(.device("receipt-printer", code: "paper-low", message: "low", level: .warning), at: start)
        try await journal.recordEvent(.device("bill-validator", code: "jam", message: "note jammed", level: .error), at: start.addingTimeInterval(60))
        try await journal.recordEvent(.operatorAction("wang", code: "cash-box-opened", message: "emptied"), at: start.addingTimeInterval(120))
        #expect(try await journal.events(matching: EventQuery()).map(\.event.code) == ["cash-box-opened", "jam", "paper-low"])
        #expect(try await journal.events(matching: EventQuery(minimumLevel: .error)).map(\.event.code) == ["jam"])
        #expect(try await journal.events(matching: EventQuery(category: .operator)).first?.event.source == "operator:wang")
        #expect(try await journal.events(matching: EventQuery(source: "receipt-printer")).count == 1)
        #expect(try await journal.events(matching: EventQuery(from: start.addingTimeInterval(30), to: start.addingTimeInterval(90))).map(\.event.code) == ["jam"])
        let outbox = try await journal.pendingRecords(limit: 10, maxBytes: 1 << 20)
        #expect(outbox.map(\.category) == [.telemetry, .telemetry, .audit])
        #expect(outbox.map(\.kind) == ["event.device", "event.device", "event.operator"])
    }

    @Test func entryEffectsMapEveryEventWithMaskedPayloads() throws {
        let identity = try Fixtures.citizen("alpha").identity
        let started = EntryEffects(.sessionStarted(identity.masked, CitizenKey(hex: "k")))
        #expect(started.kind == "journal.sessionStarted")
        #expect(started.payload["documentNumber"] == .string(identity.masked.documentNumber))
        #expect(!JSONValue.object(started.payload).canonicalText.contains(identity.documentNumber.unmaskedValue))
        #expect(EntryEffects(.paymentCompleted(paid: .yuan(400), credit: .yuan(50))).transaction?.state == .paid)
        #expect(EntryEffects(.transactionClosed(.needsAttention)).transaction?.state == .needsAttention)
        #expect(EntryEffects(.noteCredited(.yuan(100), totalPaid: .yuan(300))).payload == ["noteFen": 10000, "totalPaidFen": 30000])
        #expect(EntryEffects(.sessionEnded(.timedOut)).session?.ends == true)
        #expect(EntryEffects(.needsAttention("x")).logEntry?.level == .critical)
    }
}
