import COneTripSQLite

/// A prepared SQLite statement. A class so `sqlite3_finalize` runs in `deinit` even when a
/// caller throws early (the weak spot of struct statements with a manual `finalize()`).
///
/// Not `Sendable`: a statement belongs to its ``Database``'s owner.
public final class Statement {
    let handle: OpaquePointer
    /// The statement's SQL.
    public let sql: String
    unowned let database: Database

    init(database: Database, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit {
        sqlite3_finalize(self.handle)
    }

    /// Binds arguments to `?` placeholders (1-based, in order), replacing earlier bindings.
    public func bind(_ arguments: [any SQLiteBindable]) throws(SQLiteError) {
        sqlite3_reset(self.handle)
        sqlite3_clear_bindings(self.handle)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument.sqliteValue {
            case .null: code = sqlite3_bind_null(self.handle, index)
            case .integer(let value): code = sqlite3_bind_int64(self.handle, index, value)
            case .real(let value): code = sqlite3_bind_double(self.handle, index, value)
            case .text(let value): code = sqlite3_bind_text(self.handle, index, value, -1, onetrip_sqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(self.handle, index, buffer.baseAddress, Int32(buffer.count), onetrip_sqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw self.database.error(code: code, sql: self.sql) }
        }
    }

    /// Runs the statement to completion, discarding rows.
    public func run(_ arguments: [any SQLiteBindable] = []) throws(SQLiteError) {
        try self.bind(arguments)
        while try self.step() {}
    }

    /// Runs the statement and returns every row.
    public func rows(_ arguments: [any SQLiteBindable] = []) throws(SQLiteError) -> [Row] {
        try self.bind(arguments)
        var rows: [Row] = []
        while try self.step() { rows.append(self.currentRow()) }
        return rows
    }

    /// Advances to the next row; `false` when done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(self.handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = self.database.error(code: code, sql: self.sql)
            sqlite3_reset(self.handle)
            throw error
        }
    }

    /// The row the statement is on.
    public func currentRow() -> Row {
        let count = sqlite3_column_count(self.handle)
        var values: [SQLiteValue] = []
        var names: [String] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            names.append(String(cString: sqlite3_column_name(self.handle, column)))
            switch sqlite3_column_type(self.handle, column) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(self.handle, column)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(self.handle, column)))
            case SQLITE_TEXT: values.append(.text(String(cString: sqlite3_column_text(self.handle, column))))
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(self.handle, column))
                if let pointer = sqlite3_column_blob(self.handle, column), length > 0 {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: pointer, count: length))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return Row(columns: names, values: values)
    }
}

@available(*, unavailable)
extension Statement: Sendable {}

/// One result row: values by column index or name.
public struct Row: Hashable, Sendable {
    /// Column names, in order.
    public let columns: [String]
    /// Values, in column order.
    public let values: [SQLiteValue]

    /// The value at a column index.
    public subscript(index: Int) -> SQLiteValue { self.values[index] }

    /// The value of a named column (`.null` if there is no such column).
    public subscript(name: String) -> SQLiteValue {
        guard let index = self.columns.firstIndex(of: name) else { return .null }
        return self.values[index]
    }
}
