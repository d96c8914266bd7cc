import Foundation
import Journal
import KioskCore

/// Writes the session's journal entries durably (one SQLite transaction with its outbox row,
/// `synchronous=FULL`) and nudges the uploader.
public struct JournalPort: SessionJournal {
    let journal: Journal
    let afterRecord: @Sendable () async -> Void

    /// Creates the port.
    /// - Parameter afterRecord: called after each write (the uploader's `nudge`).
    public init(journal: Journal, afterRecord: @escaping @Sendable () async -> Void = {}) {
        self.journal = journal
        self.afterRecord = afterRecord
    }

    public func record(_ entry: JournalEntry) async throws {
        _ = try await self.journal.record(entry, at: Date())
        await self.afterRecord()
    }
}
