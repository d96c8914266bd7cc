import KioskCore
import OneTripSQLite

/// The cash-in ledger: the bill validator's write-ahead log in the kiosk's SQLite file.
///
/// Every ``append(_:)`` is its own committed transaction under `synchronous=FULL`, so when it
/// returns the line survives a crash or a power cut. The driver appends the intent to stack
/// before it sends the accepting POLL, and the outcome after; at start-up the reconciler reads
/// the open cash-ins back. A note can be credited once only (a unique index enforces it).
///
/// Not `Sendable`: one owner (the driver actor, or a command-line tool) uses it.
public final class CashLedger {
    let database: Database

    /// Opens (and migrates) the ledger in the file at `path`.
    /// - Throws: ``SQLiteError`` or ``MigrationError`` when the file cannot be used.
    public init(path: String) throws {
        self.database = try CashSchema.open(path: path)
    }

    /// The file.
    public var path: String { self.database.path }

    /// Appends one line, durably.
    /// - Returns: `false` when the line was a second credit for a note already credited (ignored).
    /// - Throws: ``SQLiteError`` (disk full, read-only file): the caller must not move money.
    @discardableResult
    public func append(_ entry: CashLedgerEntry) throws(SQLiteError) -> Bool {
        let verb = entry.kind == .credited || entry.kind == .unexpectedCredit ? "INSERT OR IGNORE" : "INSERT"
        try self.database.execute(
            """
            \(verb) INTO cash_ledger (kind, kiosk_id, session_number, note_index, channel, value_fen, counter, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                entry.kind.rawValue, entry.transactionID?.session.kioskID, entry.transactionID.map { Int64($0.session.number) },
                entry.noteIndex.map(Int64.init), entry.channel.map(Int64.init), entry.value?.fen, entry.counter.map(Int64.init), entry.detail,
            ])
        return self.database.changes == 1
    }

    /// Every line, oldest first (optionally only one transaction's).
    public func entries(for transaction: TransactionID? = nil) throws(SQLiteError) -> [CashLedgerEntry] {
        let sql = "SELECT kind, kiosk_id, session_number, note_index, channel, value_fen, counter, detail FROM cash_ledger"
        let rows: [Row]
        if let transaction {
            rows = try self.database.rows(
                sql + " WHERE kiosk_id = ? AND session_number = ? ORDER BY sequence", [transaction.session.kioskID, Int64(transaction.session.number)])
        } else {
            rows = try self.database.rows(sql + " ORDER BY sequence")
        }
        return rows.compactMap { row in
            guard let kind = row[0].string.flatMap(CashLedgerEntry.Kind.init(rawValue:)) else { return nil }
            var transaction: TransactionID?
            if let kiosk = row[1].string, let number = row[2].int64 {
                transaction = TransactionID(session: SessionID(kioskID: kiosk, number: UInt64(number)))
            }
            return CashLedgerEntry(
                kind: kind, transactionID: transaction, noteIndex: row[3].int64.map(Int.init), channel: row[4].int64.map(Int.init),
                value: row[5].int64.map(Money.init(fen:)), counter: row[6].int64.map { UInt32(truncatingIfNeeded: $0) }, detail: row[7].string)
        }
    }

    /// Every cash-in, folded, in order of opening.
    public func cashIns() throws(SQLiteError) -> [CashInRecord] {
        CashInRecord.fold(try self.entries())
    }

    /// The cash-ins not yet closed.
    public func openCashIns() throws(SQLiteError) -> [CashInRecord] {
        try self.cashIns().filter { !$0.isClosed }
    }

    /// One cash-in.
    public func cashIn(_ transaction: TransactionID) throws(SQLiteError) -> CashInRecord? {
        CashInRecord.fold(try self.entries(for: transaction)).first
    }

    /// Credits with no transaction (money the validator took without a cash-in).
    public func orphanCredits() throws(SQLiteError) -> [CashLedgerEntry] {
        try self.entries().filter { $0.transactionID == nil && $0.kind == .unexpectedCredit }
    }

    /// The highest session number a cash-in used for a kiosk id (to number test transactions).
    public func lastSessionNumber(kioskID: String) throws(SQLiteError) -> UInt64 {
        UInt64(try self.database.scalar("SELECT max(session_number) FROM cash_ledger WHERE kiosk_id = ?", [kioskID]).int64 ?? 0)
    }
}
