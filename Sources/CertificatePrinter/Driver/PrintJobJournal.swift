import Foundation
import OneTripSQLite

/// The durable record of every proof print job, so a restarted daemon can tell what happened
/// and never print a proof twice.
///
/// The order is: intent (before Create-Job), the CUPS job id (after Create-Job, before any
/// document byte is sent), sent, then the final state. Rows hold no personal data: the
/// transaction number, the queue, the CUPS job id, states and technician text.
final class PrintJobJournal {
    /// The journal's schema, in its own migration domain of the shared database file.
    static let migrator = Migrator(
        domain: "print",
        [
            .init(
                version: 1, name: "create-print-jobs",
                sql: """
                    CREATE TABLE print_jobs (
                        transaction_id TEXT PRIMARY KEY,
                        queue TEXT NOT NULL,
                        job_name TEXT NOT NULL,
                        cups_job_id INTEGER,
                        state TEXT NOT NULL,
                        pages INTEGER NOT NULL,
                        detail TEXT NOT NULL DEFAULT '',
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                    );
                    CREATE INDEX print_jobs_unfinished ON print_jobs(state) WHERE state IN ('submitting', 'created', 'sent');
                    """)
        ])

    private let database: Database

    /// Opens (and migrates) the journal in a database file.
    init(path: String) throws {
        self.database = try Database(path: path)
        try self.database.enableWriteAheadLog()
        try self.database.setSynchronous(.full)
        try Self.migrator.migrate(self.database)
    }

    /// Records the intent to print; `false` when the transaction already has a job (it is then
    /// never submitted again).
    func recordIntent(_ transaction: String, queue: String, jobName: String, pages: Int) throws -> Bool {
        try self.database.inTransaction {
            guard try self.record(transaction) == nil else { return false }
            try self.database.execute(
                "INSERT INTO print_jobs (transaction_id, queue, job_name, state, pages) VALUES (?, ?, ?, 'submitting', ?)",
                [transaction, queue, jobName, pages])
            return true
        }
    }

    /// Records the CUPS job id, before the document is sent.
    func recordCreated(_ transaction: String, jobID: Int32) throws {
        try self.database.execute(
            "UPDATE print_jobs SET cups_job_id = ?, state = 'created', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE transaction_id = ?",
            [Int(jobID), transaction])
    }

    /// Records a new state and why.
    func record(_ transaction: String, state: PrintJobRecord.State, detail: String = "") throws {
        try self.database.execute(
            "UPDATE print_jobs SET state = ?, detail = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE transaction_id = ?",
            [state.rawValue, detail, transaction])
    }

    /// One transaction's job.
    func record(_ transaction: String) throws -> PrintJobRecord? {
        try self.database.rows(
            "SELECT transaction_id, queue, job_name, cups_job_id, state, pages, detail FROM print_jobs WHERE transaction_id = ?",
            [transaction]
        ).first.map(PrintJobRecord.init)
    }

    /// Jobs whose outcome is not yet known.
    func unfinished() throws -> [PrintJobRecord] {
        try self.database.rows(
            """
            SELECT transaction_id, queue, job_name, cups_job_id, state, pages, detail FROM print_jobs
            WHERE state IN ('submitting', 'created', 'sent') ORDER BY created_at
            """
        ).map(PrintJobRecord.init)
    }
}

/// One row of the print journal.
public struct PrintJobRecord: Hashable, Sendable {
    /// Where a job stands.
    public enum State: String, Hashable, Sendable {
        /// About to send Create-Job (no CUPS id yet).
        case submitting
        /// Created at CUPS; the document may not have been sent.
        case created
        /// The document was sent; printing.
        case sent
        /// CUPS reported it completed.
        case printed
        /// It failed (or was cancelled by the driver after a fault or timeout).
        case failed
        /// Cancelled for the session, or after a restart.
        case canceled
    }

    /// The transaction.
    public var transactionID: String
    /// The queue.
    public var queue: String
    /// The job's name at CUPS.
    public var jobName: String
    /// The CUPS job id, once created.
    public var cupsJobID: Int32?
    /// Its state.
    public var state: State
    /// How many pages the proof has.
    public var pages: Int
    /// Technician text (why it failed).
    public var detail: String

    init(_ row: Row) {
        self.transactionID = row[0].string ?? ""
        self.queue = row[1].string ?? ""
        self.jobName = row[2].string ?? ""
        self.cupsJobID = row[3].int64.map { Int32(truncatingIfNeeded: $0) }
        self.state = State(rawValue: row[4].string ?? "") ?? .failed
        self.pages = Int(row[5].int64 ?? 0)
        self.detail = row[6].string ?? ""
    }
}
