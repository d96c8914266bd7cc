import Foundation
import OneTripSQLite

extension Journal {
    /// Deletes what the back office has acknowledged and the retention has passed: outbox
    /// records, finished transactions, sessions without transactions left, and events. A
    /// transaction that needs attention, or anything not yet acknowledged, is never deleted.
    ///
    /// The highest sequence and session numbers are remembered first, so neither is ever reused.
    @discardableResult
    public func purgeExpired(now: Date = Date()) throws(JournalError) -> PurgeReport {
        let retentionMilliseconds = Int64(self.configuration.retention.components.seconds) * 1000
        let cutoff = Self.milliseconds(now) - retentionMilliseconds
        let acknowledged = self.acknowledgedThrough
        return try self.write(.full) { () throws -> PurgeReport in
            try self.database.execute(
                "UPDATE outbox_state SET highest_issued = max(highest_issued, coalesce((SELECT max(seq) FROM outbox), 0)) WHERE id = 1")
            let highestSession = try self.database.scalar("SELECT max(number) FROM sessions").int64 ?? 0
            let purgedSession = Int64(try self.database.scalar("SELECT value FROM journal_meta WHERE key = 'purged_session_number'").string ?? "0") ?? 0
            try self.database.execute(
                "INSERT INTO journal_meta (key, value) VALUES ('purged_session_number', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [String(max(highestSession, purgedSession))])
            try self.database.execute("DELETE FROM outbox WHERE seq <= ? AND recorded_at < ?", [acknowledged, cutoff])
            let outbox = self.database.changes
            try self.database.execute(
                """
                DELETE FROM transactions WHERE last_seq <= ? AND updated_at < ?
                    AND state IN ('completed', 'cancelled', 'failed', 'resolved')
                """, [acknowledged, cutoff])
            let transactions = self.database.changes
            try self.database.execute(
                """
                DELETE FROM sessions WHERE last_seq <= ? AND updated_at < ?
                    AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.session_id = sessions.id)
                """, [acknowledged, cutoff])
            let sessions = self.database.changes
            try self.database.execute("DELETE FROM events WHERE at < ? AND (seq IS NULL OR seq <= ?)", [cutoff, acknowledged])
            let events = self.database.changes
            return PurgeReport(outboxRecords: outbox, sessions: sessions, transactions: transactions, events: events)
        }
    }
}
