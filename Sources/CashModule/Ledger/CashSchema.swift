import OneTripSQLite

/// The cash module's tables in the kiosk's shared SQLite file, under the migration domain
/// `cash` (numbered independently of the journal's): the cash-in ledger and the payment-code
/// trade ledger. Shipped migrations are never edited; add a new one instead.
public enum CashSchema {
    /// The migrator for domain `cash`.
    public static let migrator = Migrator(
        domain: "cash",
        [
            Migrator.Migration(
                version: 1, name: "create-cash-ledger",
                sql: """
                    CREATE TABLE cash_ledger (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                        kind TEXT NOT NULL CHECK (kind IN ('opened', 'escrowed', 'stack-intent', 'return-intent', 'credited',
                            'stacked', 'returned', 'uncertain', 'unexpected-credit', 'closed')),
                        kiosk_id TEXT,
                        session_number INTEGER,
                        note_index INTEGER,
                        channel INTEGER,
                        value_fen INTEGER,
                        counter INTEGER,
                        detail TEXT
                    );
                    CREATE INDEX cash_ledger_transaction ON cash_ledger (kiosk_id, session_number);
                    CREATE UNIQUE INDEX cash_ledger_credit_once ON cash_ledger (kiosk_id, session_number, note_index)
                        WHERE kind IN ('credited', 'unexpected-credit');
                    """),
            Migrator.Migration(
                version: 2, name: "create-code-payments",
                sql: """
                    CREATE TABLE code_payment (
                        out_trade_no TEXT PRIMARY KEY,
                        kiosk_id TEXT NOT NULL,
                        session_number INTEGER NOT NULL,
                        wallet TEXT NOT NULL,
                        masked_code TEXT NOT NULL,
                        amount_fen INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        provider_trade_no TEXT,
                        detail TEXT,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    );
                    CREATE INDEX code_payment_state ON code_payment (state);
                    CREATE TABLE code_refund (
                        out_refund_no TEXT PRIMARY KEY,
                        out_trade_no TEXT NOT NULL REFERENCES code_payment (out_trade_no),
                        amount_fen INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        detail TEXT,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    );
                    """),
        ])

    /// Opens the shared database for money: WAL checked, `synchronous=FULL` (a committed line
    /// survives a power cut), schema brought up to date.
    /// - Throws: ``SQLiteError`` or ``MigrationError``.
    public static func open(path: String) throws -> Database {
        let database = try Database(path: path)
        try database.enableWriteAheadLog()
        try database.setSynchronous(.full)
        try Self.migrator.migrate(database)
        return database
    }
}
