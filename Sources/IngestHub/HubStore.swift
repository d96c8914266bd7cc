import Foundation
import OneTripSQLite
import UploadContract

/// The hub's store: every record of every kiosk, once, keyed by (kiosk, sequence), in its own
/// SQLite file (WAL, `synchronous=FULL`: an acknowledged batch is on disk before the answer).
///
/// A batch is stored in one transaction. A record already held with the same content is a
/// duplicate (a kiosk re-sending after a lost answer) and is skipped; held with different
/// content it is a conflict, and the whole batch is refused.
public actor HubStore {
    /// The hub's database thread: SQLite's blocking calls never hold a cooperative-pool thread.
    static let executor = DatabaseExecutor(name: "onetrip.hub.sqlite")

    /// Runs on the hub's database thread.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { Self.executor.asUnownedSerialExecutor() }

    let database: Database
    /// The file.
    public nonisolated let path: String

    /// Opens (creating if needed) a hub store, on the hub's database thread.
    /// - Throws: ``HubStoreError``.
    public static func open(path: String) async throws(HubStoreError) -> HubStore {
        do {
            return try await Self.executor.run { try HubStore(path: path) }
        } catch let error as HubStoreError {
            throw error
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
    }

    init(path: String) throws(HubStoreError) {
        do {
            let database = try Database(path: path, busyTimeout: .seconds(5))
            let problems = try database.checkIntegrity()
            guard problems.isEmpty else { throw HubStoreError.corrupt(path: path, problems: problems) }
            try database.enableWriteAheadLog()
            try HubSchema.migrator.migrate(database)
            try database.setSynchronous(.full)
            self.database = database
        } catch let error as HubStoreError {
            throw error
        } catch let error as SQLiteError {
            throw error.isCorruption ? .corrupt(path: path, problems: [error.message]) : .storage(error)
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
        self.path = path
    }

    /// Stores a batch idempotently.
    /// - Returns: the acknowledgement to send.
    /// - Throws: ``HubStoreError/conflict(kioskID:sequence:)`` when a sequence number is held
    ///   with other content; ``HubStoreError/storage(_:)``.
    @discardableResult
    public func store(_ batch: UploadBatch, receivedAt: Date = Date()) throws(HubStoreError) -> UploadAcknowledgement {
        let now = Int64(receivedAt.timeIntervalSince1970 * 1000)
        do {
            return try self.database.inTransaction(.immediate) { () throws -> UploadAcknowledgement in
                var stored = 0
                var duplicates = 0
                var highest: Int64 = 0
                let insert = try self.database.cachedStatement(
                    """
                    INSERT INTO hub_records (kiosk_id, seq, category, kind, recorded_at, session_id, transaction_id, payload, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id, seq) DO NOTHING
                    """)
                for record in batch.records {
                    try insert.run([
                        batch.kioskID, record.sequence, record.category.rawValue, record.kind, record.recordedAt, record.sessionID,
                        record.transactionID, record.payload, now,
                    ])
                    if self.database.changes == 1 {
                        stored += 1
                    } else {
                        guard try self.heldRecord(kioskID: batch.kioskID, sequence: record.sequence) == record else {
                            throw HubStoreError.conflict(kioskID: batch.kioskID, sequence: record.sequence)
                        }
                        duplicates += 1
                    }
                    highest = max(highest, record.sequence)
                }
                try self.database.execute(
                    """
                    INSERT INTO hub_kiosks (kiosk_id, highest_seq, records, dropped_telemetry, first_seen_at, last_seen_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                    ON CONFLICT (kiosk_id) DO UPDATE SET highest_seq = max(highest_seq, ?2), records = records + ?3,
                        dropped_telemetry = max(dropped_telemetry, ?4), last_seen_at = ?5
                    """, [batch.kioskID, highest, stored, batch.droppedTelemetry, now])
                let through = try self.database.scalar("SELECT highest_seq FROM hub_kiosks WHERE kiosk_id = ?", [batch.kioskID]).int64 ?? 0
                return UploadAcknowledgement(kioskID: batch.kioskID, acknowledgedThrough: through, stored: stored, duplicates: duplicates)
            }
        } catch let error as HubStoreError {
            throw error
        } catch let error as SQLiteError {
            throw .storage(error)
        } catch {
            throw .storage(SQLiteError(code: .error, message: "\(error)"))
        }
    }

    private func heldRecord(kioskID: String, sequence: Int64) throws(SQLiteError) -> UploadRecord? {
        try self.database.rows(
            "SELECT seq, category, kind, recorded_at, session_id, transaction_id, payload FROM hub_records WHERE kiosk_id = ? AND seq = ?",
            [kioskID, sequence]
        ).first.map(Self.record)
    }

    static func record(_ row: Row) -> UploadRecord {
        UploadRecord(
            sequence: row[0].int64 ?? 0, category: RecordCategory(rawValue: row[1].string ?? "") ?? .transaction, kind: row[2].string ?? "",
            recordedAt: row[3].int64 ?? 0, sessionID: row[4].string, transactionID: row[5].string, payload: row[6].string ?? "{}")
    }

    /// Every kiosk the hub has heard from.
    public func kiosks() throws(HubStoreError) -> [KioskSummary] {
        do {
            return try self.database.rows(
                "SELECT kiosk_id, highest_seq, records, dropped_telemetry, first_seen_at, last_seen_at FROM hub_kiosks ORDER BY kiosk_id"
            ).map { row in
                KioskSummary(
                    kioskID: row[0].string ?? "", highestSequence: row[1].int64 ?? 0, records: Int(row[2].int64 ?? 0),
                    droppedTelemetry: row[3].int64 ?? 0, firstSeenAt: Date(timeIntervalSince1970: Double(row[4].int64 ?? 0) / 1000),
                    lastSeenAt: Date(timeIntervalSince1970: Double(row[5].int64 ?? 0) / 1000))
            }
        } catch {
            throw .storage(error)
        }
    }

    /// A kiosk's records after a sequence number, in order.
    public func records(kioskID: String, after: Int64 = 0, limit: Int = 1000) throws(HubStoreError) -> [UploadRecord] {
        do {
            return try self.database.rows(
                """
                SELECT seq, category, kind, recorded_at, session_id, transaction_id, payload FROM hub_records
                WHERE kiosk_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, [kioskID, after, max(1, limit)]
            ).map(Self.record)
        } catch {
            throw .storage(error)
        }
    }

    /// Writes every record (of one kiosk, or all) as JSON lines, in (kiosk, sequence) order:
    /// one object per line with `kioskID`, the record's fields and `receivedAt`.
    /// - Returns: how many lines were written.
    public func export(kioskID: String? = nil, to write: (ArraySlice<UInt8>) throws -> Void) throws(HubStoreError) -> Int {
        do {
            let statement = try self.database.prepare(
                """
                SELECT kiosk_id, seq, category, kind, recorded_at, session_id, transaction_id, payload, received_at FROM hub_records
                WHERE ?1 IS NULL OR kiosk_id = ?1 ORDER BY kiosk_id, seq
                """)
            try statement.bind([kioskID])
            var count = 0
            var line: [UInt8] = []
            while try statement.step() {
                let row = statement.currentRow()
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: "{\"kioskID\":".utf8)
                JSONValue.writeString(row[0].string ?? "", to: &line)
                line.append(UInt8(ascii: ","))
                UploadRecord(
                    sequence: row[1].int64 ?? 0, category: RecordCategory(rawValue: row[2].string ?? "") ?? .transaction,
                    kind: row[3].string ?? "", recordedAt: row[4].int64 ?? 0, sessionID: row[5].string, transactionID: row[6].string,
                    payload: row[7].string ?? "{}"
                ).writeMembers(to: &line)
                line.append(contentsOf: ",\"receivedAt\":\(row[8].int64 ?? 0)}\n".utf8)
                try write(line[...])
                count += 1
            }
            return count
        } catch let error as SQLiteError {
            throw .storage(error)
        } catch {
            throw .storage(SQLiteError(code: .ioError, message: "export failed: \(error)"))
        }
    }
}

/// One kiosk as the hub knows it.
public struct KioskSummary: Hashable, Sendable {
    /// The kiosk.
    public var kioskID: String
    /// The highest sequence number stored.
    public var highestSequence: Int64
    /// Records stored.
    public var records: Int
    /// Telemetry the kiosk says it dropped under its cap.
    public var droppedTelemetry: Int64
    /// First upload.
    public var firstSeenAt: Date
    /// Last upload.
    public var lastSeenAt: Date

    /// Sequence numbers below the highest that the hub does not hold (dropped telemetry, or
    /// records still to come after a resend).
    public var missing: Int64 { self.highestSequence - Int64(self.records) }
}

/// Why the hub store failed.
public enum HubStoreError: Error, Sendable, CustomStringConvertible {
    /// The file is damaged.
    case corrupt(path: String, problems: [String])
    /// A sequence number is held with different content.
    case conflict(kioskID: String, sequence: Int64)
    /// SQLite failed.
    case storage(SQLiteError)

    public var description: String {
        switch self {
        case .corrupt(let path, let problems):
            "the hub database \(path) is damaged (\(problems.prefix(3).joined(separator: "; "))); restore it from a backup"
        case .conflict(let kioskID, let sequence):
            "kiosk \(kioskID) sent sequence number \(sequence) with content that differs from the record already stored; "
                + "the kiosk's journal was probably replaced or restored from an old backup: investigate before accepting its uploads"
        case .storage(let error): "the hub cannot read or write its database: \(error)"
        }
    }
}
