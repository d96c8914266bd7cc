import COneTripSQLite

/// An error from SQLite: the (extended) result code, SQLite's message, and the SQL that failed,
/// which together tell a technician what to do (disk full, database locked, file corrupt).
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_CORRUPT`…).
    public var code: ResultCode
    /// SQLite's message.
    public var message: String
    /// The statement that failed, if any.
    public var sql: String?

    /// Creates an error.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(self.code.rawValue) (\(self.code.name)): \(self.message)"
        if let sql = self.sql { text += " — in: \(sql)" }
        return text
    }

    /// Whether the file is damaged or not a database (SQLITE_CORRUPT, SQLITE_NOTADB).
    public var isCorruption: Bool {
        self.code.primary == .corrupt || self.code.primary == .notADatabase
    }
}

/// An SQLite result code (primary or extended), after GRDB's `ResultCode`.
public struct ResultCode: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code (the low eight bits of an extended code).
    public var primary: ResultCode { ResultCode(rawValue: self.rawValue & 0xFF) }

    /// SQLite's English name for the code.
    public var name: String { String(cString: sqlite3_errstr(self.rawValue)) }

    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cannotOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    public static let done = ResultCode(rawValue: SQLITE_DONE)
}
