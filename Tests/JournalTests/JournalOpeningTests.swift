import Foundation
@testable import Journal
import KioskCore
import KioskTestSupport
import OneTripSQLite
import Testing
import UploadContract

@Suite("Journal: opening, migrations, corruption, concurrency")
struct JournalOpeningTests {
    /// Data a kiosk could hold at each earlier schema version, written with that version's SQL.
    static let dataAtVersion: [Int: String] = [
        1: """
            INSERT INTO journal_meta (key, value) VALUES ('kiosk_id', 'TEST-01');
            INSERT INTO outbox (seq, category, kind, recorded_at, session_id, transaction_id, payload) VALUES
                (1, 'transaction', 'journal.sessionStarted', 1764000000000, 'TEST-01-000001', NULL, '{"name":"测*"}'),
                (2, 'transaction', 'journal.transactionOpened', 1764000001000, 'TEST-01-000001', 'TEST-01-000001T', '{"amountDueFen":35000}');
            UPDATE outbox_state SET acknowledged_through = 1, last_upload_at = 1764000002000 WHERE id = 1;
            """,
        2: """
            INSERT INTO sessions (id, number, started_at, day, card_type, masked_name, masked_document, citizen_key, first_seq, last_seq, updated_at)
                VALUES ('TEST-01-000001', 1, 1764000000000, '2025-11-25', 'resident', '测*', '330203********3518', 'abc', 1, 1, 1764000000000);
            INSERT INTO transactions (id, session_id, service, state, amount_due, amount_paid, citizen_key, opened_at, day, updated_at, last_seq)
                VALUES ('TEST-01-000001T', 'TEST-01-000001', 'traffic-fine-payment', 'needsAttention', 35000, 5000, 'abc',
                    1764000001000, '2025-11-25', 1764000001000, 2);
            """,
    ]

    @Test func migratesAnEmptyFileToTheLatestVersionWithWAL() async throws {
        let path = try JournalFixtures.temporaryPath()
        let journal = try await JournalFixtures.open(path)
        let database = try Database(path: path, mode: .readOnly)
        #expect(try database.journalMode() == "wal")
        #expect(try JournalSchema.migrator.appliedMigrations(database).keys.sorted() == JournalSchema.migrations.map(\.version))
        for table in ["outbox", "outbox_state", "journal_meta", "sessions", "transactions", "events"] {
            #expect(try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", [table]) == .integer(1))
        }
        #expect(await journal.counters == OutboxCounters(highestSequence: 0, acknowledgedThrough: 0, droppedTelemetry: 0))
        #expect(await journal.currentSynchronous == .full)
    }

    @Test(arguments: [1, 2])
    func migratesFromEveryEarlierVersionKeepingItsData(version: Int) async throws {
        #expect(version < JournalSchema.latestVersion)
        let path = try JournalFixtures.temporaryPath()
        do {
            let database = try Database(path: path)
            try database.enableWriteAheadLog()
            try JournalSchema.migrator.migrate(database, upTo: version)
            for step in 1...version { try database.executeScript(try #require(Self.dataAtVersion[step])) }
        }
        let journal = try await JournalFixtures.open(path)
        // The old rows survived, the sequence continues after them, the acknowledgement stands.
        #expect(await journal.counters == OutboxCounters(highestSequence: 2, acknowledgedThrough: 1, droppedTelemetry: 0))
        let pending = try await journal.pendingRecords(limit: 10, maxBytes: 1 << 20)
        #expect(pending.map(\.sequence) == [2])
        #expect(pending.first?.payload == #"{"amountDueFen":35000}"#)
        let session = SessionID(kioskID: JournalFixtures.kioskID, number: 1)
        let next = try await journal.record(JournalEntry(sessionID: session, event: .sessionEnded(.completed)))
        #expect(next == 3)
        if version >= 2 {
            let transaction = try #require(try await journal.transaction(TransactionID(session: session)))
            #expect(transaction.state == .needsAttention)
            #expect(transaction.amountPaid == .yuan(50))
            #expect(transaction.resolution == nil)  // the v3 column, added empty
            #expect(try await journal.resolve(TransactionID(session: session), resolution: "refunded ¥50 in cash", by: "wang"))
        }
        // Events (v3) work on a migrated file.
        try await journal.recordEvent(.operatorAction("wang", code: "cash-box-opened", message: "cash box emptied"))
        #expect(try await journal.events(matching: EventQuery(code: "cash-box-opened")).count == 1)
    }

    @Test func sharesItsFileWithOtherComponentsDomains() async throws {
        let path = try JournalFixtures.temporaryPath()
        do {
            let database = try Database(path: path)
            try database.enableWriteAheadLog()
            let cash = Migrator(domain: "cash", [.init(version: 1, name: "ledger", sql: "CREATE TABLE cash_ledger (id INTEGER PRIMARY KEY, fen INTEGER);")])
            try cash.migrate(database)
            try database.execute("INSERT INTO cash_ledger (fen) VALUES (10000)")
        }
        let journal = try await JournalFixtures.open(path)
        try await journal.record(JournalEntry(sessionID: SessionID(kioskID: "TEST-01", number: 1), event: .serviceSelected("traffic-fine-payment")))
        let database = try Database(path: path, mode: .readOnly)
        #expect(try database.scalar("SELECT fen FROM cash_ledger") == .integer(10000))
        #expect(try Migrator(domain: "cash", []).appliedMigrations(database).keys.sorted() == [1])
    }

    @Test func refusesAFileThatIsNotADatabaseAndLeavesItUntouched() async throws {
        let path = try JournalFixtures.temporaryPath()
        let garbage = Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: JournalError.self) { _ = try await JournalFixtures.open(path) }
        guard case .corrupt(let reported, _)? = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(error?.description.contains("damaged") == true && error?.description.contains("move the file") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesADamagedJournalWithAClearMessageAndWritesNothing() async throws {
        let path = try JournalFixtures.temporaryPath()
        do {
            let journal = try await JournalFixtures.open(path)
            var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
            for _ in 0..<20 {
                for entry in try JournalFixtures.paidTrafficFine(&kiosk) { try await journal.record(entry) }
            }
        }
        // The journal is closed (and checkpointed); damage every page after the first.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 4096 * 4)
        let pageSize = 4096
        for offset in stride(from: pageSize + 100, to: bytes.count, by: pageSize) {
            bytes.replaceSubrange(offset..<min(offset + 1500, bytes.count), with: Data(repeating: 0xA5, count: min(1500, bytes.count - offset)))
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        for thorough in [false, true] {
            do {
                _ = try await JournalFixtures.open(path) { $0.thoroughIntegrityCheck = thorough }
                Issue.record("opened a damaged journal")
            } catch let error as JournalError {
                guard case .corrupt(let reported, let problems) = error else {
                    Issue.record("wrong error \(error)")
                    continue
                }
                #expect(reported == path)
                #expect(!problems.isEmpty)
                #expect(error.description.contains(path))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func refusesEditedAndNewerSchemasAndAnotherKiosksFile() async throws {
        let path = try JournalFixtures.temporaryPath()
        _ = try await JournalFixtures.open(path)
        let mismatch = await #expect(throws: JournalError.self) { _ = try await JournalFixtures.open(path) { $0.kioskID = "OTHER-99" } }
        guard case .kioskMismatch(_, "TEST-01", "OTHER-99")? = mismatch else {
            Issue.record("expected a kiosk mismatch, got \(String(describing: mismatch))")
            return
        }
        do {
            let database = try Database(path: path)
            try database.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE domain = 'journal' AND version = 2")
        }
        let edited = await #expect(throws: JournalError.self) { _ = try await JournalFixtures.open(path) }
        guard case .schema(_, .migrationEdited("journal", 2, _))? = edited else {
            Issue.record("expected an edited migration, got \(String(describing: edited))")
            return
        }
        do {
            let database = try Database(path: path)
            try database.execute("UPDATE schema_migrations SET checksum = ? WHERE domain = 'journal' AND version = 2", [JournalSchema.migrations[1].checksum])
            try database.execute("INSERT INTO schema_migrations (domain, version, name, checksum) VALUES ('journal', 99, 'future', 'x')")
        }
        let newer = await #expect(throws: JournalError.self) { _ = try await JournalFixtures.open(path) }
        guard case .schema(_, .unknownMigration("journal", 99))? = newer else {
            Issue.record("expected an unknown migration, got \(String(describing: newer))")
            return
        }
        #expect(newer?.description.contains("newer") == true)
    }

    @Test func anOperatorReadsWhileTheDaemonWritesAndAWriterWaitsForTheLock() async throws {
        let path = try JournalFixtures.temporaryPath()
        let daemon = try await JournalFixtures.open(path)
        let session = SessionID(kioskID: "TEST-01", number: 7)
        try await daemon.record(JournalEntry(sessionID: session, event: .transactionOpened("traffic-fine-payment", amountDue: .yuan(10))))
        let reader = try await JournalFixtures.open(path) { $0.access = .readOnly }
        #expect(try await reader.transactions(matching: TransactionQuery()).count == 1)
        let readOnlyError = await #expect(throws: JournalError.self) {
            try await reader.record(JournalEntry(sessionID: session, event: .sessionEnded(.completed)))
        }
        guard case .storage(let sqlite)? = readOnlyError else {
            Issue.record("expected a storage error, got \(String(describing: readOnlyError))")
            return
        }
        #expect(sqlite.code.primary == .readOnly)

        // Another connection holds the write lock: the daemon's write waits for it and succeeds
        // once it is released, and the operator's read is never blocked (WAL).
        let holder = LockHolder(path: path)
        holder.start()
        try await holder.waitUntilLocked()
        #expect(try await reader.transactions(matching: TransactionQuery()).count == 1)
        let waiting = Task { try await daemon.record(JournalEntry(sessionID: session, event: .paymentStarted(.cash, amountDue: .yuan(10)))) }
        try await Task.sleep(for: .milliseconds(300))
        holder.release()
        _ = try await waiting.value
        try await holder.join()
        #expect(try await reader.transaction(TransactionID(session: session))?.state == .paying)

        // With a short busy timeout, a lock held longer is a clear "locked" error, not a hang.
        let impatient = try await JournalFixtures.open(path) { $0.busyTimeout = .milliseconds(50) }
        let longHolder = LockHolder(path: path)
        longHolder.start()
        try await longHolder.waitUntilLocked()
        let lockedError = await #expect(throws: JournalError.self) {
            try await impatient.record(JournalEntry(sessionID: session, event: .sessionEnded(.completed)))
        }
        #expect(lockedError?.description.contains("locked") == true)
        longHolder.release()
        try await longHolder.join()
    }
}

/// Holds an SQLite write lock on another thread (as another process would) until released.
/// Waiting for it polls, so no thread of the cooperative pool is ever blocked.
final class LockHolder: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var isLocked = false
    private var isReleased = false
    private var isDone = false

    init(path: String) { self.path = path }

    func start() {
        let thread = Thread { [self] in
            defer { self.lock.withLock { self.isDone = true } }
            let database = try? Database(path: self.path)
            try? database?.execute("BEGIN IMMEDIATE")
            self.lock.withLock { self.isLocked = true }
            while !self.lock.withLock({ self.isReleased }) { Thread.sleep(forTimeInterval: 0.005) }
            try? database?.execute("COMMIT")
        }
        thread.start()
    }

    func release() { self.lock.withLock { self.isReleased = true } }

    func waitUntilLocked() async throws {
        while !self.lock.withLock({ self.isLocked }) { try await Task.sleep(for: .milliseconds(5)) }
    }

    func join() async throws {
        while !self.lock.withLock({ self.isDone }) { try await Task.sleep(for: .milliseconds(5)) }
    }
}
