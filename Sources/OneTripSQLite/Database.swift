import COneTripSQLite

/// One SQLite connection, after GRDB's `Database` and SwiftPM's `SQLite`: opened with extended
/// result codes and a busy timeout, prepared statements freed in `deinit`, errors typed.
///
/// A `Database` is not `Sendable`. Give it to one owner (an actor, or one thread) and do every
/// call from there, as libsqlite3's connection is not meant to be shared without a mutex.
///
/// ```swift
/// let db = try Database(path: "/var/lib/onetrip/journal.sqlite")
/// try db.enableWriteAheadLog()
/// try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [42]) }
/// ```
public final class Database {
    let handle: OpaquePointer
    /// The file path (or `:memory:`).
    public let path: String
    private var statementCache: [String: Statement] = [:]

    /// How to open a database file.
    public enum Mode: Sendable {
        /// Read and write, creating the file if missing.
        case readWriteCreate
        /// Read and write an existing file.
        case readWrite
        /// Read only (the operator's CLI while the daemon writes).
        case readOnly
    }

    /// Opens a connection.
    /// - Parameters:
    ///   - path: the file, or `:memory:`.
    ///   - mode: how to open it.
    ///   - busyTimeout: how long a statement waits for another connection's lock before failing
    ///     with `SQLITE_BUSY`.
    /// - Throws: ``SQLiteError`` (`SQLITE_CANTOPEN` for a missing directory or no permission).
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeout: Duration = .seconds(5)) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags: Int32
        switch mode {
        case .readWriteCreate: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        case .readWrite: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        case .readOnly: flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        }
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            // sqlite3_open_v2 allocates a handle even on failure; it must be closed.
            sqlite3_close_v2(handle)
            throw SQLiteError(code: ResultCode(rawValue: code), message: "\(message) (\(path))")
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        let (seconds, attoseconds) = busyTimeout.components
        sqlite3_busy_timeout(handle, Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }

    deinit {
        self.statementCache.removeAll()
        sqlite3_close_v2(self.handle)
    }

    /// The SQLite library version (for diagnostics).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    // MARK: Statements

    /// Prepares a statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// A prepared statement kept for reuse on the hot path (the outbox enqueue).
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = self.statementCache[sql] { return statement }
        let statement = try self.prepare(sql)
        self.statementCache[sql] = statement
        return statement
    }

    /// Runs one statement with arguments.
    public func execute(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) {
        try self.cachedStatement(sql).run(arguments)
    }

    /// Runs a script of several statements without arguments (migrations).
    public func executeScript(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(self.handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(self.handle))
            sqlite3_free(message)
            throw SQLiteError(code: ResultCode(rawValue: sqlite3_extended_errcode(self.handle)), message: text, sql: sql)
        }
    }

    /// Runs a query and returns every row.
    public func rows(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> [Row] {
        try self.cachedStatement(sql).rows(arguments)
    }

    /// Runs a query and returns the first column of the first row.
    public func scalar(_ sql: String, _ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> SQLiteValue {
        try self.rows(sql, arguments).first?.values.first ?? .null
    }

    /// The rowid of the last inserted row.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(self.handle) }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(self.handle)) }

    // MARK: Transactions

    /// How a transaction takes its lock.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at the first write.
        case deferred = "DEFERRED"
        /// Takes the write lock at `BEGIN`, so a writer never fails half-way with `SQLITE_BUSY`.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try self.execute("BEGIN \(kind.rawValue)")
        do {
            let result = try body()
            try self.execute("COMMIT")
            return result
        } catch {
            try? self.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: Pragmas and checks

    /// Switches to write-ahead logging and checks that SQLite agreed (it refuses on some file
    /// systems and for `:memory:`), as GRDB's `setUpWALMode` does.
    /// - Throws: ``SQLiteError`` when the journal mode is not `wal` afterwards.
    public func enableWriteAheadLog() throws(SQLiteError) {
        let mode = try self.scalar("PRAGMA journal_mode = WAL").string?.lowercased()
        guard mode == "wal" else {
            throw SQLiteError(code: .error, message: "could not enable WAL: journal_mode is \(mode ?? "unknown") (\(self.path))")
        }
    }

    /// The current journal mode (`wal`, `delete`, `memory`…).
    public func journalMode() throws(SQLiteError) -> String {
        try self.scalar("PRAGMA journal_mode").string?.lowercased() ?? ""
    }

    /// How hard SQLite syncs to disk.
    public enum Synchronous: Int, Sendable {
        /// No fsync (test only).
        case off = 0
        /// fsync at checkpoints in WAL mode: survives a crash, may lose recent commits on power loss.
        case normal = 1
        /// fsync at every commit: a committed transaction survives a power cut.
        case full = 2
    }

    /// Sets `PRAGMA synchronous`.
    public func setSynchronous(_ level: Synchronous) throws(SQLiteError) {
        try self.executeScript("PRAGMA synchronous = \(level.rawValue)")
    }

    /// Reads `PRAGMA synchronous`.
    public func synchronous() throws(SQLiteError) -> Synchronous {
        Synchronous(rawValue: Int(try self.scalar("PRAGMA synchronous").int64 ?? 0)) ?? .off
    }

    /// Runs `PRAGMA quick_check` (or `integrity_check` when `thorough`) and returns the problems
    /// found; an empty array means the file is sound.
    /// - Throws: ``SQLiteError`` when the file cannot even be read (not a database).
    public func checkIntegrity(thorough: Bool = false, maxErrors: Int = 20) throws(SQLiteError) -> [String] {
        let pragma = thorough ? "integrity_check" : "quick_check"
        let rows = try self.prepare("PRAGMA \(pragma)(\(maxErrors))").rows()
        let messages = rows.compactMap { $0[0].string }
        return messages == ["ok"] ? [] : messages
    }

    /// `PRAGMA user_version`.
    public func userVersion() throws(SQLiteError) -> Int {
        Int(try self.scalar("PRAGMA user_version").int64 ?? 0)
    }

    /// Writes the WAL back into the database file and truncates it.
    public func checkpoint() throws(SQLiteError) {
        _ = try self.prepare("PRAGMA wal_checkpoint(TRUNCATE)").rows()
    }

    func error(code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(
            code: ResultCode(rawValue: sqlite3_extended_errcode(self.handle)),
            message: String(cString: sqlite3_errmsg(self.handle)), sql: sql)
    }
}

@available(*, unavailable)
extension Database: Sendable {}
