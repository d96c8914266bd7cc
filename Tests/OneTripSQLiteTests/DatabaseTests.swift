import Foundation
import OneTripSQLite
import Testing

@Suite("SQLite shim")
struct DatabaseTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("onetrip-sqlite-\(UUID().uuidString).sqlite").path
    }

    @Test func createsAFileAndReadsItBackAfterReopening() throws {
        let path = self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let db = try Database(path: path)
            try db.enableWriteAheadLog()
            try db.setSynchronous(.full)
            try db.executeScript("CREATE TABLE notes (id INTEGER PRIMARY KEY, value TEXT NOT NULL, amount INTEGER, raw BLOB)")
            try db.inTransaction {
                try db.execute("INSERT INTO notes (value, amount, raw) VALUES (?, ?, ?)", ["测试", 5000, [UInt8]([0, 1, 255])])
                try db.execute("INSERT INTO notes (value, amount, raw) VALUES (?, ?, ?)", ["second", Int64?.none, [UInt8]()])
            }
            #expect(db.lastInsertedRowID == 2)
        }
        let reopened = try Database(path: path, mode: .readOnly)
        #expect(try reopened.journalMode() == "wal")
        let rows = try reopened.rows("SELECT value, amount, raw FROM notes ORDER BY id")
        #expect(rows.count == 2)
        #expect(rows[0]["value"] == .text("测试"))
        #expect(rows[0]["amount"] == .integer(5000))
        #expect(rows[0]["raw"] == .blob([0, 1, 255]))
        #expect(rows[1]["amount"] == .null)
        #expect(try reopened.checkIntegrity(thorough: true).isEmpty)
        #expect(Database.libraryVersion.hasPrefix("3."))
    }

    @Test func aFailedTransactionRollsBack() throws {
        let db = try Database(path: ":memory:")
        try db.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE)")
        try db.execute("INSERT INTO t (code) VALUES ('a')")
        #expect(throws: SQLiteError.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO t (code) VALUES ('b')")
                try db.execute("INSERT INTO t (code) VALUES ('a')")
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t") == .integer(1))
        do {
            try db.execute("INSERT INTO t (code) VALUES ('a')")
        } catch {
            #expect(error.code.primary == .constraint)
            #expect(error.description.contains("UNIQUE"))
            #expect(error.sql == "INSERT INTO t (code) VALUES ('a')")
        }
    }

    @Test func walCannotBeEnabledInMemoryAndSaysSo() throws {
        let db = try Database(path: ":memory:")
        #expect(throws: SQLiteError.self) { try db.enableWriteAheadLog() }
    }

    @Test func openingAMissingDirectoryFailsWithThePath() {
        do {
            _ = try Database(path: "/nonexistent-dir/x.sqlite")
            Issue.record("opened")
        } catch {
            #expect(error.code.primary == .cannotOpen)
            #expect(error.description.contains("/nonexistent-dir/x.sqlite"))
        }
    }

    @Test func aCorruptFileIsRecognisedAsCorruption() throws {
        let path = self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        let db = try Database(path: path)
        do {
            _ = try db.checkIntegrity()
            Issue.record("corrupt file passed")
        } catch {
            #expect(error.isCorruption)
        }
    }

    @Test func migrationsApplyOnceInOrderAndRefuseEdits() throws {
        let path = self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let v1 = Migrator.Migration(version: 1, name: "create", sql: "CREATE TABLE a (x INTEGER);")
        let v2 = Migrator.Migration(version: 2, name: "add", sql: "ALTER TABLE a ADD COLUMN y TEXT;")
        let db = try Database(path: path)
        #expect(try Migrator([v1]).migrate(db) == [1])
        #expect(try Migrator([v1, v2]).migrate(db) == [2])
        #expect(try Migrator([v1, v2]).migrate(db) == [])
        let edited = Migrator.Migration(version: 1, name: "create", sql: "CREATE TABLE a (x TEXT);")
        #expect(throws: MigrationError.migrationEdited("main", 1, "create")) { try Migrator([edited, v2]).migrate(db) }
        #expect(throws: MigrationError.unknownMigration("main", 2)) { try Migrator([v1]).migrate(db) }
        // A failing migration leaves nothing behind.
        let broken = Migrator.Migration(version: 3, name: "broken", sql: "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);")
        #expect(throws: SQLiteError.self) { try Migrator([v1, v2, broken]).migrate(db) }
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == .integer(0))
        // Another component numbers its own migrations in the same file.
        let cash = Migrator(domain: "cash", [Migrator.Migration(version: 1, name: "ledger", sql: "CREATE TABLE ledger (x);")])
        #expect(try cash.migrate(db) == [1])
        #expect(try Migrator([v1, v2]).migrate(db) == [])
    }
}
