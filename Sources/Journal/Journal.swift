import Foundation
import KioskCore
import OneTripSQLite
import UploadContract

/// The kiosk's durable journal: every visit, transaction and operator event, written to SQLite
/// together with its outbox record in one transaction, then uploaded by `Uplink`.
///
/// One actor owns the one read-write connection and runs on ``DatabaseExecutor/shared``'s thread. Opening checks the file (`quick_check`, or
/// `integrity_check` when configured) and refuses a damaged one without writing to it, verifies
/// write-ahead logging, and applies the `journal` migrations. Money and transaction records
/// commit with `synchronous=FULL` (on disk before ``record(_:at:)`` returns); telemetry and
/// upload bookkeeping with `NORMAL` (safe against a crash, at worst re-sent after a power cut).
///
/// ```swift
/// let journal = try await Journal.open(path: "/var/lib/onetrip/onetrip.sqlite", configuration: .init(kioskID: "HS-0001"))
/// try await journal.record(JournalEntry(sessionID: id, event: .sessionStarted(masked, key)))
/// ```
public actor Journal {
    /// Runs on the database thread, so SQLite's blocking calls (fsync) never hold a thread of
    /// the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { DatabaseExecutor.shared.asUnownedSerialExecutor() }

    let database: Database
    /// The file.
    public nonisolated let path: String
    /// How it was opened.
    public nonisolated let configuration: JournalConfiguration
    /// The sequence number the next outbox record gets.
    var nextSequence: Int64
    /// Everything up to here is acknowledged.
    var acknowledgedThrough: Int64
    /// Telemetry waiting for upload (kept exact in memory: this actor is the only writer).
    var pendingTelemetry: (records: Int, bytes: Int)
    /// Telemetry dropped under the cap, running total.
    var droppedTelemetry: Int64
    var currentSynchronous: Database.Synchronous
    var days: DayFormatter

    /// Opens (creating if needed) a journal: integrity check, WAL, migrations, kiosk check.
    /// - Throws: ``JournalError``; a damaged file is ``JournalError/corrupt(path:problems:)``
    ///   and is left exactly as it was.
    public static func open(path: String, configuration: JournalConfiguration) async throws(JournalError) -> Journal {
        do {
            // Opening blocks (integrity check, migrations): do it on the database thread too.
            return try await DatabaseExecutor.shared.run { try Journal(path: path, configuration: configuration) }
        } catch let error as JournalError {
            throw error
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
    }

    init(path: String, configuration: JournalConfiguration) throws(JournalError) {
        let mode: Database.Mode = configuration.access == .readOnly ? .readOnly : .readWriteCreate
        let database: Database
        do {
            database = try Database(path: path, mode: mode, busyTimeout: configuration.busyTimeout)
        } catch {
            throw error.isCorruption ? .corrupt(path: path, problems: [error.message]) : .storage(error)
        }
        try Self.checkIntegrity(database, path: path, thorough: configuration.thoroughIntegrityCheck)
        do {
            if configuration.access == .readWrite {
                do {
                    try database.enableWriteAheadLog()
                } catch {
                    throw JournalError.notWriteAheadLog(path: path, mode: (try? database.journalMode()) ?? "unknown")
                }
                do {
                    try JournalSchema.migrator.migrate(database)
                } catch let error as MigrationError {
                    throw JournalError.schema(path: path, error)
                }
                try Self.claim(database, path: path, kioskID: configuration.kioskID)
            } else {
                let applied = try JournalSchema.migrator.appliedMigrations(database).keys.max() ?? 0
                guard applied == JournalSchema.latestVersion else {
                    throw JournalError.schemaNotCurrent(path: path, applied: applied, expected: JournalSchema.latestVersion)
                }
            }
            let state = try database.rows("SELECT acknowledged_through, highest_issued, dropped_telemetry FROM outbox_state WHERE id = 1")
            let acknowledged = state.first?[0].int64 ?? 0
            let issued = state.first?[1].int64 ?? 0
            let highest = try database.scalar("SELECT max(seq) FROM outbox").int64 ?? 0
            let telemetry = try database.rows(
                "SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox WHERE category = 'telemetry' AND seq > ?", [acknowledged])
            self.nextSequence = max(highest, issued, acknowledged) + 1
            self.acknowledgedThrough = acknowledged
            self.pendingTelemetry = (Int(telemetry.first?[0].int64 ?? 0), Int(telemetry.first?[1].int64 ?? 0))
            self.droppedTelemetry = state.first?[2].int64 ?? 0
            if configuration.access == .readWrite { try database.setSynchronous(.full) }
            self.currentSynchronous = .full
        } catch let error as JournalError {
            throw error
        } catch let error as SQLiteError {
            throw error.isCorruption ? .corrupt(path: path, problems: [error.message]) : .storage(error)
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
        self.database = database
        self.path = path
        self.configuration = configuration
        self.days = DayFormatter(timeZone: configuration.timeZone)
    }

    /// Runs `quick_check`/`integrity_check` before anything writes to the file.
    static func checkIntegrity(_ database: Database, path: String, thorough: Bool) throws(JournalError) {
        let problems: [String]
        do {
            problems = try database.checkIntegrity(thorough: thorough)
        } catch {
            throw error.isCorruption ? .corrupt(path: path, problems: [error.message]) : .storage(error)
        }
        guard problems.isEmpty else { throw .corrupt(path: path, problems: problems) }
    }

    /// Records the kiosk id at first open; refuses a file written by another kiosk.
    static func claim(_ database: Database, path: String, kioskID: String) throws {
        let stored = try database.scalar("SELECT value FROM journal_meta WHERE key = 'kiosk_id'").string
        if let stored {
            guard stored == kioskID else { throw JournalError.kioskMismatch(path: path, stored: stored, configured: kioskID) }
        } else {
            try database.execute("INSERT INTO journal_meta (key, value) VALUES ('kiosk_id', ?)", [kioskID])
        }
    }

    /// Sets `PRAGMA synchronous` for the next transaction, if it differs.
    func use(_ level: Database.Synchronous) throws(SQLiteError) {
        guard level != self.currentSynchronous else { return }
        try self.database.setSynchronous(level)
        self.currentSynchronous = level
    }

    /// Runs a write transaction, mapping SQLite's errors to ``JournalError``.
    func write<T>(_ level: Database.Synchronous, _ body: () throws -> T) throws(JournalError) -> T {
        do {
            try self.use(level)
            return try self.database.inTransaction(.immediate, body)
        } catch let error as SQLiteError {
            throw .storage(error)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
    }

    /// Runs a read, mapping SQLite's errors to ``JournalError``.
    func read<T>(_ body: () throws -> T) throws(JournalError) -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw .storage(error)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
    }

    /// The highest session number the journal has seen (including purged sessions), so the
    /// daemon seeds its session counter and ids never repeat after a restart.
    public func highestSessionNumber() throws(JournalError) -> UInt64 {
        try self.read {
            let live = try self.database.scalar("SELECT max(number) FROM sessions").int64 ?? 0
            let purged = Int64(try self.database.scalar("SELECT value FROM journal_meta WHERE key = 'purged_session_number'").string ?? "0") ?? 0
            return UInt64(max(live, purged, 0))
        }
    }

    /// Sessions that started and never ended: the daemon stopped (power cut, kill -9) in the
    /// middle of a visit. The daemon closes them at start-up.
    public func unfinishedSessions() throws(JournalError) -> [SessionID] {
        try self.read {
            try self.database.rows("SELECT id, number FROM sessions WHERE ended_at IS NULL ORDER BY number").compactMap { row in
                guard let id = row["id"].string, let number = row["number"].int64 else { return nil }
                // The id is `<kiosk>-<number>`; the kiosk part may itself contain dashes.
                let suffix = "-" + String(id.split(separator: "-").last ?? "")
                return SessionID(kioskID: String(id.dropLast(suffix.count)), number: UInt64(number))
            }
        }
    }

    /// Runs `integrity_check` now (for `onetrip diag`); empty when sound.
    public func integrityProblems() throws(JournalError) -> [String] {
        try self.read { try self.database.checkIntegrity(thorough: true) }
    }

    /// Milliseconds since the Unix epoch.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// A date from milliseconds.
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
