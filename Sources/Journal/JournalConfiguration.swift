import Foundation

/// How a ``Journal`` opens its database and keeps its outbox.
public struct JournalConfiguration: Sendable {
    /// The kiosk that writes the journal (`HS-0001`). Stored in the file at first open; a file
    /// written by another kiosk is refused, so sequence numbers never mix between kiosks.
    public var kioskID: String
    /// Read-write for the daemon, read-only for the operator's CLI.
    public var access: Access
    /// How long a statement waits for another connection's lock (the CLI reading while the
    /// daemon writes) before failing with "database is locked".
    public var busyTimeout: Duration
    /// `integrity_check` (reads every page and index) instead of `quick_check` at open.
    public var thoroughIntegrityCheck: Bool
    /// How long acknowledged, finished records are kept before ``Journal/purgeExpired(now:)``
    /// deletes them.
    public var retention: Duration
    /// The cap on telemetry waiting for upload.
    public var telemetryCap: TelemetryCap
    /// The time zone whose calendar days group the statistics (the kiosk's local time).
    public var timeZone: TimeZone

    /// Read-write or read-only.
    public enum Access: Sendable {
        /// The daemon: migrates, records, uploads.
        case readWrite
        /// The operator's CLI: queries only, never migrates or writes.
        case readOnly
    }

    /// Creates a configuration with the defaults: read-write, 5 s busy timeout, quick check,
    /// 90 days' retention, telemetry capped at 10,000 records or 4 MiB, Asia/Shanghai days.
    public init(
        kioskID: String, access: Access = .readWrite, busyTimeout: Duration = .seconds(5), thoroughIntegrityCheck: Bool = false,
        retention: Duration = .seconds(90 * 86_400), telemetryCap: TelemetryCap = TelemetryCap(),
        timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    ) {
        self.kioskID = kioskID
        self.access = access
        self.busyTimeout = busyTimeout
        self.thoroughIntegrityCheck = thoroughIntegrityCheck
        self.retention = retention
        self.telemetryCap = telemetryCap
        self.timeZone = timeZone
    }
}

/// The documented size cap and drop policy for telemetry waiting for upload.
///
/// When a telemetry record takes the pending telemetry past either limit, the oldest pending
/// telemetry records are deleted from the outbox until both are at or under 90% of the limits
/// (so a kiosk at its cap does not delete one record per insert). The local event log keeps the
/// events; the running count of dropped records is sent with every batch and shown in the queue
/// status. Transaction and audit records are never dropped.
public struct TelemetryCap: Hashable, Sendable {
    /// Pending telemetry records allowed.
    public var maxRecords: Int
    /// Pending telemetry payload bytes allowed.
    public var maxBytes: Int

    /// Creates a cap (default 10,000 records, 4 MiB).
    public init(maxRecords: Int = 10_000, maxBytes: Int = 4 << 20) {
        self.maxRecords = max(1, maxRecords)
        self.maxBytes = max(1, maxBytes)
    }
}
