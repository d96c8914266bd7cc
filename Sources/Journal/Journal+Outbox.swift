import Foundation
import OneTripSQLite
import UploadContract

extension Journal {
    /// The next records waiting for upload, in sequence order: at most `limit` records and, past
    /// the first, at most `maxBytes` of estimated body size.
    /// - Parameter after: start after this sequence number instead of the acknowledged one.
    public func pendingRecords(after: Int64? = nil, limit: Int, maxBytes: Int) throws(JournalError) -> [UploadRecord] {
        let start = max(after ?? 0, self.acknowledgedThrough)
        return try self.read {
            let statement = try self.database.cachedStatement(
                "SELECT seq, category, kind, recorded_at, session_id, transaction_id, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")
            try statement.bind([start, max(1, limit)])
            var records: [UploadRecord] = []
            var bytes = 0
            while try statement.step() {
                let row = statement.currentRow()
                let record = UploadRecord(
                    sequence: row[0].int64 ?? 0, category: RecordCategory(rawValue: row[1].string ?? "") ?? .transaction, kind: row[2].string ?? "",
                    recordedAt: row[3].int64 ?? 0, sessionID: row[4].string, transactionID: row[5].string, payload: row[6].string ?? "{}")
                bytes += record.encodedSizeEstimate
                if !records.isEmpty, bytes > maxBytes { break }
                records.append(record)
            }
            try statement.bind([])  // resets the statement so it holds no read lock
            return records
        }
    }

    /// Marks every record up to `sequence` acknowledged by the back office. Never moves
    /// backwards and never past the last issued number; committed with `synchronous=NORMAL`
    /// (a lost acknowledgement only means a re-send, which the back office ignores).
    @discardableResult
    public func acknowledge(through sequence: Int64, at time: Date = Date()) throws(JournalError) -> AcknowledgementResult {
        let target = min(sequence, self.nextSequence - 1)
        let previous = self.acknowledgedThrough
        let milliseconds = Self.milliseconds(time)
        guard target > previous else {
            try self.write(.normal) {
                try self.database.execute("UPDATE outbox_state SET last_upload_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1", [milliseconds])
            }
            return AcknowledgementResult(acknowledgedThrough: previous, newlyAcknowledged: 0)
        }
        let (count, telemetry) = try self.write(.normal) { () throws -> (Int, (records: Int, bytes: Int)) in
            try self.database.execute(
                "UPDATE outbox_state SET acknowledged_through = ?, last_upload_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1",
                [target, milliseconds])
            let count = Int(try self.database.scalar("SELECT count(*) FROM outbox WHERE seq > ? AND seq <= ?", [previous, target]).int64 ?? 0)
            let row = try self.database.rows(
                "SELECT count(*), coalesce(sum(length(payload)), 0) FROM outbox WHERE category = 'telemetry' AND seq > ? AND seq <= ?",
                [previous, target])
            return (count, (Int(row.first?[0].int64 ?? 0), Int(row.first?[1].int64 ?? 0)))
        }
        self.acknowledgedThrough = target
        self.pendingTelemetry.records -= telemetry.records
        self.pendingTelemetry.bytes -= telemetry.bytes
        return AcknowledgementResult(acknowledgedThrough: target, newlyAcknowledged: count)
    }

    /// Notes why the last upload failed, for the queue status.
    public func noteUploadFailure(_ reason: String, at time: Date = Date()) throws(JournalError) {
        try self.write(.normal) {
            try self.database.execute("UPDATE outbox_state SET last_error = ?, last_error_at = ? WHERE id = 1", [reason, Self.milliseconds(time)])
        }
    }

    /// The queue's counters, kept in memory (no query): for the uploader's hot path.
    public var counters: OutboxCounters {
        OutboxCounters(highestSequence: self.nextSequence - 1, acknowledgedThrough: self.acknowledgedThrough, droppedTelemetry: self.droppedTelemetry)
    }

    /// The upload queue's state.
    public func outboxStatus() throws(JournalError) -> OutboxStatus {
        try self.read {
            let pending = try self.database.rows(
                "SELECT count(*), coalesce(sum(length(payload)), 0), min(recorded_at) FROM outbox WHERE seq > ?", [self.acknowledgedThrough])
            let state = try self.database.rows("SELECT last_upload_at, last_error, last_error_at FROM outbox_state WHERE id = 1")
            return OutboxStatus(
                pendingRecords: Int(pending.first?[0].int64 ?? 0), pendingBytes: Int(pending.first?[1].int64 ?? 0),
                pendingTelemetry: self.pendingTelemetry.records, oldestPendingAt: pending.first?[2].int64.map(Self.date),
                acknowledgedThrough: self.acknowledgedThrough, highestSequence: self.nextSequence - 1,
                lastUploadAt: state.first?[0].int64.map(Self.date), lastError: state.first?[1].string,
                lastErrorAt: state.first?[2].int64.map(Self.date), droppedTelemetry: self.droppedTelemetry)
        }
    }

    /// Every record of a visit still in the outbox, in order (the operator's view of what
    /// happened), by its id as printed on the receipt (`HS-0001-000042`).
    public func history(ofSession session: String) throws(JournalError) -> [UploadRecord] {
        try self.read {
            let first = try self.database.scalar("SELECT first_seq FROM sessions WHERE id = ?", [session]).int64 ?? 0
            return try self.database.rows(
                "SELECT seq, category, kind, recorded_at, session_id, transaction_id, payload FROM outbox WHERE seq >= ? AND session_id = ? ORDER BY seq",
                [first, session]
            ).map { row in
                UploadRecord(
                    sequence: row[0].int64 ?? 0, category: RecordCategory(rawValue: row[1].string ?? "") ?? .transaction, kind: row[2].string ?? "",
                    recordedAt: row[3].int64 ?? 0, sessionID: row[4].string, transactionID: row[5].string, payload: row[6].string ?? "{}")
            }
        }
    }

    /// Applies the telemetry cap after inserting a telemetry record of `bytes` (inside the
    /// insert's transaction). See ``TelemetryCap`` for the policy.
    /// - Returns: what was dropped.
    func enforceTelemetryCap(adding bytes: Int) throws(SQLiteError) -> (records: Int, bytes: Int) {
        let cap = self.configuration.telemetryCap
        let records = self.pendingTelemetry.records + 1
        let total = self.pendingTelemetry.bytes + bytes
        guard records > cap.maxRecords || total > cap.maxBytes else { return (0, 0) }
        let targetRecords = cap.maxRecords * 9 / 10
        let targetBytes = cap.maxBytes * 9 / 10
        let statement = try self.database.cachedStatement(
            "SELECT seq, length(payload) FROM outbox WHERE category = 'telemetry' AND seq > ? ORDER BY seq")
        try statement.bind([self.acknowledgedThrough])
        var victims: [Int64] = []
        var droppedBytes = 0
        while records - victims.count > targetRecords || total - droppedBytes > targetBytes, try statement.step() {
            let row = statement.currentRow()
            victims.append(row[0].int64 ?? 0)
            droppedBytes += Int(row[1].int64 ?? 0)
        }
        try statement.bind([])
        guard let last = victims.last, let first = victims.first else { return (0, 0) }
        try self.database.execute(
            "DELETE FROM outbox WHERE category = 'telemetry' AND seq >= ? AND seq <= ? AND seq > ?", [first, last, self.acknowledgedThrough])
        try self.database.execute("UPDATE outbox_state SET dropped_telemetry = dropped_telemetry + ? WHERE id = 1", [victims.count])
        return (victims.count, droppedBytes)
    }
}
