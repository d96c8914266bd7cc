import OneTripSQLite

/// Why the journal cannot open or write, in words a technician can act on.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// The file is damaged or not a database. The journal refuses to touch it.
    case corrupt(path: String, problems: [String])
    /// The schema cannot be brought up to date (edited or unknown migration).
    case schema(path: String, MigrationError)
    /// A read-only journal found a schema the daemon has not migrated yet.
    case schemaNotCurrent(path: String, applied: Int, expected: Int)
    /// The file belongs to another kiosk.
    case kioskMismatch(path: String, stored: String, configured: String)
    /// The file is not in write-ahead-log mode and could not be switched.
    case notWriteAheadLog(path: String, mode: String)
    /// SQLite failed (disk full, locked, I/O error).
    case storage(SQLiteError)

    public var description: String {
        switch self {
        case .corrupt(let path, let problems):
            "the journal database \(path) is damaged (\(problems.prefix(3).joined(separator: "; "))). OneTrip will not write to it. "
                + "Stop the daemon, move the file (and its -wal and -shm files) aside for recovery, and restart to begin a new journal; "
                + "the back office holds every record it acknowledged."
        case .schema(let path, let error): "the journal database \(path) cannot be migrated: \(error)"
        case .schemaNotCurrent(let path, let applied, let expected):
            "the journal database \(path) is at schema version \(applied), this build expects \(expected): start the daemon once to migrate it"
        case .kioskMismatch(let path, let stored, let configured):
            "the journal database \(path) belongs to kiosk \(stored), but this kiosk is configured as \(configured); "
                + "sequence numbers would collide at the back office. Use the right file or fix kiosk.id in the configuration."
        case .notWriteAheadLog(let path, let mode):
            "the journal database \(path) is in \(mode) mode and cannot switch to WAL (is it on a network file system?)"
        case .storage(let error):
            if error.code.primary == .full {
                "the journal cannot write: the disk is full (\(error.message)); free space before taking payments"
            } else if error.code.primary == .busy {
                "the journal database is locked by another process for longer than the busy timeout (\(error.message))"
            } else {
                "the journal cannot read or write its database: \(error)"
            }
        }
    }
}
