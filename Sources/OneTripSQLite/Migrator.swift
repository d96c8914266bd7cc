/// Applies numbered schema migrations in order, each in its own transaction, after GRDB's
/// `DatabaseMigrator` rules: a migration is raw SQL and is never edited once shipped.
///
/// The migrator records each applied migration's number, name and a checksum of its SQL in
/// `schema_migrations`. At start it refuses a database whose applied migrations were edited
/// since (checksum differs) or that comes from a newer build (unknown numbers).
///
/// Several components can keep their tables in one database file, each with its own migration
/// `domain` (`journal`, `cash`, `devices`) numbered independently, so a cash-ledger migration
/// never has to be renumbered because the journal gained one.
public struct Migrator: Sendable {
    /// One schema step.
    public struct Migration: Sendable {
        /// Its number; migrations apply in increasing order.
        public var version: Int
        /// A short name (`create-outbox`).
        public var name: String
        /// The SQL script.
        public var sql: String

        /// Creates a migration.
        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }

        /// FNV-1a 64-bit hash of the SQL, to notice a shipped migration being edited.
        public var checksum: String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in self.sql.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    /// The migrations, in order.
    public let migrations: [Migration]
    /// The component whose schema these migrations build.
    public let domain: String

    /// Creates a migrator.
    /// - Precondition: versions are unique and increasing.
    public init(domain: String = "main", _ migrations: [Migration]) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version }, "migration versions must increase")
        self.domain = domain
        self.migrations = migrations
    }

    /// Applies the migrations not yet applied (up to `target`, if given).
    /// - Returns: the versions applied now.
    /// - Throws: ``MigrationError`` for an edited or unknown migration, ``SQLiteError`` from SQL.
    @discardableResult
    public func migrate(_ database: Database, upTo target: Int? = nil) throws -> [Int] {
        try database.executeScript(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                domain TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                PRIMARY KEY (domain, version)
            )
            """)
        let applied = try self.appliedMigrations(database)
        let known = Dictionary(uniqueKeysWithValues: self.migrations.map { ($0.version, $0) })
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else { throw MigrationError.unknownMigration(self.domain, version) }
            guard migration.checksum == checksum else { throw MigrationError.migrationEdited(self.domain, version, migration.name) }
        }
        var done: [Int] = []
        for migration in self.migrations where applied[migration.version] == nil {
            if let target, migration.version > target { break }
            try database.inTransaction {
                try database.executeScript(migration.sql)
                try database.execute(
                    "INSERT INTO schema_migrations (domain, version, name, checksum) VALUES (?, ?, ?, ?)",
                    [self.domain, migration.version, migration.name, migration.checksum])
            }
            done.append(migration.version)
        }
        return done
    }

    /// The versions applied to a database, with their checksums.
    public func appliedMigrations(_ database: Database) throws(SQLiteError) -> [Int: String] {
        let exists = try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists.int64 == 1 else { return [:] }
        var result: [Int: String] = [:]
        for row in try database.rows("SELECT version, checksum FROM schema_migrations WHERE domain = ?", [self.domain]) {
            result[Int(row[0].int64 ?? 0)] = row[1].string ?? ""
        }
        return result
    }
}

/// Why a database's schema cannot be brought up to date.
public enum MigrationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The database has a migration this build does not know: it was written by a newer OneTrip.
    case unknownMigration(String, Int)
    /// A migration's SQL changed after it was applied: shipped migrations must never be edited.
    case migrationEdited(String, Int, String)

    public var description: String {
        switch self {
        case .unknownMigration(let domain, let version):
            "the database has \(domain) migration \(version), which this OneTrip build does not know: it was written by a newer version; install that version or restore a backup"
        case .migrationEdited(let domain, let version, let name):
            "\(domain) migration \(version) (\(name)) differs from the one applied to this database: shipped migrations must never be edited; add a new migration instead"
        }
    }
}
