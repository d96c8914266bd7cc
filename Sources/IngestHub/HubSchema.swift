import OneTripSQLite

/// The reference hub's migrations (domain `hub`), in its own SQLite file.
public enum HubSchema {
    /// The migration domain.
    public static let domain = "hub"

    /// Every migration, in order; never edit a shipped one.
    public static let migrations: [Migrator.Migration] = [
        .init(
            version: 1, name: "records",
            sql: """
                CREATE TABLE hub_kiosks (
                    kiosk_id TEXT PRIMARY KEY,
                    highest_seq INTEGER NOT NULL DEFAULT 0,
                    records INTEGER NOT NULL DEFAULT 0,
                    dropped_telemetry INTEGER NOT NULL DEFAULT 0,
                    first_seen_at INTEGER NOT NULL,
                    last_seen_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE hub_records (
                    kiosk_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    category TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    session_id TEXT,
                    transaction_id TEXT,
                    payload TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    PRIMARY KEY (kiosk_id, seq)
                ) WITHOUT ROWID;
                """)
    ]

    /// The migrator.
    public static var migrator: Migrator { Migrator(domain: domain, migrations) }
}
