import Foundation
import KioskCore
import OneTripSQLite

/// Device statistics kept in the kiosk's shared SQLite file, in the `devices` migration domain,
/// so counts and hours online survive restarts.
///
/// Not `Sendable`: a store belongs to one owner (the ``DeviceHealthBoard``), like its
/// ``Database``. Every ``add(_:role:deviceID:)`` is one `UPSERT` that adds to the stored
/// counts, so nothing is read back and rewritten, and a crash loses at most the delta in flight.
public final class DeviceStatisticsStore {
    /// The schema, in the `devices` domain. Shipped migrations are never edited.
    public static let migrator = Migrator(
        domain: "devices",
        [
            Migrator.Migration(
                version: 1, name: "create-device-statistics",
                sql: """
                    CREATE TABLE device_statistics (
                        role TEXT NOT NULL,
                        device_id TEXT NOT NULL,
                        cards_read INTEGER NOT NULL DEFAULT 0,
                        receipts_printed INTEGER NOT NULL DEFAULT 0,
                        pages_printed INTEGER NOT NULL DEFAULT 0,
                        notes_stacked INTEGER NOT NULL DEFAULT 0,
                        jams INTEGER NOT NULL DEFAULT 0,
                        errors INTEGER NOT NULL DEFAULT 0,
                        seconds_online REAL NOT NULL DEFAULT 0,
                        last_fault_code TEXT,
                        last_fault_at REAL,
                        first_seen_at REAL NOT NULL,
                        updated_at REAL NOT NULL,
                        PRIMARY KEY (role, device_id)
                    );
                    """)
        ])

    private let database: Database

    /// Uses an open database (the kiosk's shared file), bringing the `devices` schema up to date.
    /// - Throws: ``MigrationError`` or ``SQLiteError``.
    public init(database: Database) throws {
        self.database = database
        try Self.migrator.migrate(database)
    }

    /// Opens (or creates) a database file in WAL mode and uses it.
    public convenience init(path: String) throws {
        let database = try Database(path: path)
        if path != ":memory:" { try database.enableWriteAheadLog() }
        try self.init(database: database)
    }

    /// Adds a delta to a device's statistics (creating them at the first delta).
    public func add(_ delta: DeviceStatistics.Delta, role: DeviceRole, deviceID: String, at now: Date = Date()) throws(SQLiteError) {
        guard !delta.isEmpty else { return }
        let time = now.timeIntervalSince1970
        let faultCode: SQLiteValue = delta.lastFault.map { .text($0.code) } ?? .null
        let faultTime: SQLiteValue = delta.lastFault.map { .real($0.at.timeIntervalSince1970) } ?? .null
        try self.database.execute(
            """
            INSERT INTO device_statistics (role, device_id, cards_read, receipts_printed, pages_printed, notes_stacked, jams, errors,
                seconds_online, last_fault_code, last_fault_at, first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (role, device_id) DO UPDATE SET
                cards_read = cards_read + excluded.cards_read,
                receipts_printed = receipts_printed + excluded.receipts_printed,
                pages_printed = pages_printed + excluded.pages_printed,
                notes_stacked = notes_stacked + excluded.notes_stacked,
                jams = jams + excluded.jams,
                errors = errors + excluded.errors,
                seconds_online = seconds_online + excluded.seconds_online,
                last_fault_code = coalesce(excluded.last_fault_code, last_fault_code),
                last_fault_at = coalesce(excluded.last_fault_at, last_fault_at),
                updated_at = excluded.updated_at
            """,
            [
                role.rawValue, deviceID, delta.cardsRead, delta.receiptsPrinted, delta.pagesPrinted, delta.notesStacked, delta.jams, delta.errors,
                delta.secondsOnline, faultCode, faultTime, time, time,
            ])
    }

    /// The statistics of one device, if it has any.
    public func statistics(role: DeviceRole, deviceID: String) throws(SQLiteError) -> DeviceStatistics? {
        try self.query("WHERE role = ? AND device_id = ?", [role.rawValue, deviceID]).first
    }

    /// Every device's statistics, by role then device.
    public func all() throws(SQLiteError) -> [DeviceStatistics] {
        try self.query("ORDER BY role, device_id", [])
    }

    private func query(_ clause: String, _ arguments: [any SQLiteBindable]) throws(SQLiteError) -> [DeviceStatistics] {
        let rows = try self.database.rows(
            """
            SELECT role, device_id, cards_read, receipts_printed, pages_printed, notes_stacked, jams, errors, seconds_online,
                last_fault_code, last_fault_at FROM device_statistics \(clause)
            """, arguments)
        return rows.compactMap { row in
            guard let role = row["role"].string.flatMap(DeviceRole.init(rawValue:)), let deviceID = row["device_id"].string else { return nil }
            var statistics = DeviceStatistics(role: role, deviceID: deviceID)
            statistics.cardsRead = Int(row["cards_read"].int64 ?? 0)
            statistics.receiptsPrinted = Int(row["receipts_printed"].int64 ?? 0)
            statistics.pagesPrinted = Int(row["pages_printed"].int64 ?? 0)
            statistics.notesStacked = Int(row["notes_stacked"].int64 ?? 0)
            statistics.jams = Int(row["jams"].int64 ?? 0)
            statistics.errors = Int(row["errors"].int64 ?? 0)
            statistics.secondsOnline = row["seconds_online"].double ?? 0
            statistics.lastFaultCode = row["last_fault_code"].string
            statistics.lastFaultAt = row["last_fault_at"].double.map(Date.init(timeIntervalSince1970:))
            return statistics
        }
    }
}

@available(*, unavailable)
extension DeviceStatisticsStore: Sendable {}
