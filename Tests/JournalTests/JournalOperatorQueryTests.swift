import Foundation
@testable import Journal
import KioskCore
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Journal: operator queries (event filters, follow, sessions, daily causes) and the citizen key file")
struct JournalOperatorQueryTests {
    /// alpha pays a fine, alpha abandons a payment, bravo prints a proof, delta's card is refused;
    /// then the receipt printer reports paper out.
    private func filledJournal() async throws -> Journal {
        let journal = try await JournalFixtures.open(try JournalFixtures.temporaryPath())
        var menu = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        var entries = try JournalFixtures.paidTrafficFine(&menu, citizen: "alpha")
        entries += try JournalFixtures.abandonedPayment(&menu, citizen: "alpha")
        entries += try JournalFixtures.printedProof(&menu, citizen: "bravo")
        entries += menu.send(.cardRead(try JournalFixtures.reading("delta"))).compactMap(\.journalEntry)
        let start = Date(timeIntervalSince1970: 1_764_115_200)
        for (index, entry) in entries.enumerated() { try await journal.record(entry, at: start.addingTimeInterval(Double(index))) }
        try await journal.recordEvent(.device("receipt-printer", code: "paper-out", message: "the paper roll is empty", level: .error), at: start.addingTimeInterval(600))
        return journal
    }

    @Test func eventsFilterByVisitTransactionAndServiceAndFollowNewRowsInOrder() async throws {
        let journal = try await self.filledJournal()
        let all = try await journal.events(matching: EventQuery())
        #expect(all.map(\.event.code) == ["paper-out", "card-rejected", "needs-attention"], "newest first")
        let attention = try #require(all.first { $0.event.code == "needs-attention" })
        let transaction = try #require(attention.event.transactionID).description
        #expect(try await journal.events(matching: EventQuery(transactionID: transaction)).map(\.event.code) == ["needs-attention"])
        let session = try #require(attention.event.sessionID).description
        #expect(try await journal.events(matching: EventQuery(sessionID: session)).map(\.id) == [attention.id])
        #expect(try await journal.events(matching: EventQuery(service: "traffic-fine-payment")).map(\.event.code) == ["needs-attention"])
        #expect(try await journal.events(matching: EventQuery(service: "social-insurance-proof")).isEmpty)

        let oldestFirst = try await journal.events(matching: EventQuery(oldestFirst: true))
        #expect(oldestFirst.map(\.id) == all.map(\.id).reversed())
        let newest = try #require(all.first)
        #expect(try await journal.events(matching: EventQuery(afterID: newest.id, oldestFirst: true)).isEmpty)
        // A row written later is found after the last one seen, even with an earlier timestamp.
        try await journal.recordEvent(.device("bill-validator", code: "jam", message: "a note is stuck", level: .error), at: Date(timeIntervalSince1970: 0))
        let followed = try await journal.events(matching: EventQuery(afterID: newest.id, oldestFirst: true))
        #expect(followed.map(\.event.code) == ["jam"])
    }

    @Test func dailyStatisticsCountProofsPaymentsAndFailuresByCause() async throws {
        let journal = try await self.filledJournal()
        let day = try #require(try await journal.dailyStatistics().first)
        #expect(day.proofsPrinted == 1)
        #expect(day.payments == 2)
        let causes = Dictionary(uniqueKeysWithValues: day.failures.map { ($0.code, $0) })
        #expect(Set(causes.keys) == ["card-rejected", "needs-attention", "paper-out"])
        #expect(causes["paper-out"]?.detail == "receipt-printer")
        #expect(causes["card-rejected"]?.count == 1)
        #expect(causes["card-rejected"]?.detail.isEmpty == false)
        let fines = try #require(try await journal.dailyStatistics(service: "traffic-fine-payment").first)
        #expect(fines.failures.map(\.code) == ["needs-attention"])
        #expect(fines.proofsPrinted == 0)
    }

    @Test func sessionsAreListedNewestFirstWithoutPersonalData() async throws {
        let journal = try await self.filledJournal()
        let sessions = try await journal.sessions(matching: SessionQuery())
        #expect(sessions.count == 4)
        #expect(sessions.map(\.id) == sessions.map(\.id).sorted().reversed())
        #expect(sessions.last?.outcome == .completed)
        #expect(sessions.last?.service == "traffic-fine-payment")
        #expect(sessions.last?.cardType == .residentID)
        #expect(try await journal.sessions(matching: SessionQuery(limit: 2)).count == 2)
        #expect(try await journal.sessions(matching: SessionQuery(from: Date(timeIntervalSince1970: 1_764_115_200 + 3600))).isEmpty)
    }

    @Test func theCitizenKeyFileIsCreatedOnceGroupReadableAndGivesTheSameKeys() throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-keyfile")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("citizen.key").path
        #expect(try CitizenKeyer.createSecretFileIfMissing(at: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o640)
        #expect(try !CitizenKeyer.createSecretFileIfMissing(at: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "an existing key is never replaced")

        let number = try Fixtures.citizen("alpha").identity.documentNumber
        let fromFile = try CitizenKeyer(secretFile: path)
        var bytes: [UInt8] = []
        var digits = Substring(text.dropLast())
        while !digits.isEmpty {
            bytes.append(UInt8(digits.prefix(2), radix: 16)!)
            digits = digits.dropFirst(2)
        }
        #expect(fromFile.key(for: number) == (try CitizenKeyer(secret: bytes)).key(for: number))

        let broken = directory.appendingPathComponent("broken.key").path
        try Data("not hex at all\n".utf8).write(to: URL(fileURLWithPath: broken))
        #expect(throws: CitizenKeyerError.malformedSecretFile(path: broken)) { try CitizenKeyer(secretFile: broken) }
        let short = directory.appendingPathComponent("short.key").path
        try Data("00112233\n".utf8).write(to: URL(fileURLWithPath: short))
        #expect(throws: CitizenKeyerError.secretTooShort(4)) { try CitizenKeyer(secretFile: short) }
        let missing = directory.appendingPathComponent("missing.key").path
        #expect(throws: CitizenKeyerError.unreadableSecretFile(path: missing, reason: "no such file")) { try CitizenKeyer(secretFile: missing) }
    }
}
