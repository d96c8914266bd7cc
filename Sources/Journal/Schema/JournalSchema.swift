import OneTripSQLite

/// The journal's numbered migrations (migration domain `journal`). A shipped migration is never
/// edited: the migrator stores each one's checksum and refuses a changed one. Add a new
/// migration instead, and a test that migrates from the version before it.
///
/// The journal shares its database file with other components' domains (cash, print,
/// devices), so its tables never assume they are alone in the file.
public enum JournalSchema {
    /// The migration domain.
    public static let domain = "journal"

    /// Every migration, in order.
    public static let migrations: [Migrator.Migration] = [
        .init(version: 1, name: "outbox", sql: outbox),
        .init(version: 2, name: "sessions-and-transactions", sql: sessionsAndTransactions),
        .init(version: 3, name: "event-log-and-resolution", sql: eventLogAndResolution),
    ]

    /// The latest version.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The migrator.
    public static var migrator: Migrator { Migrator(domain: domain, migrations) }

    /// v1: the outbox, its upload state, and the journal's identity (which kiosk wrote it).
    static let outbox = """
        CREATE TABLE journal_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN ('transaction', 'audit', 'telemetry')),
            kind TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            session_id TEXT,
            transaction_id TEXT,
            payload TEXT NOT NULL
        );
        CREATE TABLE outbox_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            acknowledged_through INTEGER NOT NULL DEFAULT 0,
            highest_issued INTEGER NOT NULL DEFAULT 0,
            last_upload_at INTEGER,
            last_error TEXT,
            last_error_at INTEGER,
            dropped_telemetry INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO outbox_state (id) VALUES (1);
        """

    /// v2: one row per visit and per transaction, updated as the journal entries arrive. Only
    /// masked identity fields and the citizen key are stored.
    static let sessionsAndTransactions = """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            day TEXT NOT NULL,
            ended_at INTEGER,
            outcome TEXT,
            card_type TEXT,
            masked_name TEXT,
            masked_document TEXT,
            masked_address TEXT,
            citizen_key TEXT,
            service TEXT,
            first_seq INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE transactions (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL,
            service TEXT,
            state TEXT NOT NULL,
            amount_due INTEGER NOT NULL DEFAULT 0,
            amount_paid INTEGER NOT NULL DEFAULT 0,
            credit INTEGER NOT NULL DEFAULT 0,
            payment_method TEXT,
            certificate TEXT,
            receipt TEXT,
            attention_reason TEXT,
            outcome TEXT,
            citizen_key TEXT,
            opened_at INTEGER NOT NULL,
            day TEXT NOT NULL,
            closed_at INTEGER,
            updated_at INTEGER NOT NULL,
            last_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX transactions_by_citizen ON transactions (citizen_key);
        """

    /// v3: the operator's event log (device, operator and system events) and an operator's
    /// resolution of a transaction that needed attention.
    static let eventLogAndResolution = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            day TEXT NOT NULL,
            level TEXT NOT NULL,
            category TEXT NOT NULL,
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            session_id TEXT,
            transaction_id TEXT,
            seq INTEGER
        );
        CREATE INDEX events_by_time ON events (at);
        ALTER TABLE transactions ADD COLUMN resolved_at INTEGER;
        ALTER TABLE transactions ADD COLUMN resolution TEXT;
        """
}
