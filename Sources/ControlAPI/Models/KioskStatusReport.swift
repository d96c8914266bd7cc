import DeviceKit
import Foundation
import KioskCore

/// What `GET /v1/status` answers and `onetrip status` shows: who the kiosk is, how long it has
/// run, what the citizen sees, whether it serves citizens, its devices and its upload queue.
public struct KioskStatusReport: Hashable, Sendable, Codable {
    /// The kiosk's id (`HS-0001`).
    public var kioskID: String
    /// The daemon's version.
    public var version: String
    /// When the daemon started.
    public var startedAt: Date
    /// Seconds since it started (monotonic, unaffected by clock changes).
    public var uptimeSeconds: Double
    /// The session machine's state, by name (`idle`, `awaitingPayment`); never any citizen data.
    public var sessionState: String
    /// The screen the citizen sees.
    public var screen: Screen.Kind
    /// Whether a citizen can start a visit now.
    public var inService: Bool
    /// The technician's maintenance mode.
    public var maintenance: MaintenanceState
    /// The latest status of every device role.
    public var devices: [DeviceStatus]
    /// The upload queue, or `nil` when the journal cannot be read.
    public var queue: QueueSummary?

    /// Creates a report.
    public init(
        kioskID: String, version: String, startedAt: Date, uptimeSeconds: Double, sessionState: String, screen: Screen.Kind, inService: Bool,
        maintenance: MaintenanceState, devices: [DeviceStatus], queue: QueueSummary?
    ) {
        self.kioskID = kioskID
        self.version = version
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.sessionState = sessionState
        self.screen = screen
        self.inService = inService
        self.maintenance = maintenance
        self.devices = devices
        self.queue = queue
    }
}

/// Whether a technician has taken the kiosk out of service for citizens.
public struct MaintenanceState: Hashable, Sendable, Codable {
    /// Whether maintenance mode is on.
    public var enabled: Bool
    /// Why, as the technician gave it.
    public var reason: String?
    /// When it was last switched.
    public var since: Date?
    /// Whether a citizen's visit is still running: with maintenance on, the kiosk leaves
    /// service when it ends, so wait before touching the devices.
    public var visitInProgress: Bool

    /// Creates the state.
    public init(enabled: Bool, reason: String? = nil, since: Date? = nil, visitInProgress: Bool = false) {
        self.enabled = enabled
        self.reason = reason
        self.since = since
        self.visitInProgress = visitInProgress
    }
}

/// The upload queue in brief, for the status report.
public struct QueueSummary: Hashable, Sendable, Codable {
    /// Records waiting for the back office.
    public var pendingRecords: Int
    /// When the oldest waiting record was written.
    public var oldestPendingAt: Date?
    /// When the back office last acknowledged a batch.
    public var lastUploadAt: Date?
    /// The last upload failure since then, in words.
    public var lastError: String?

    /// Creates a summary.
    public init(pendingRecords: Int, oldestPendingAt: Date? = nil, lastUploadAt: Date? = nil, lastError: String? = nil) {
        self.pendingRecords = pendingRecords
        self.oldestPendingAt = oldestPendingAt
        self.lastUploadAt = lastUploadAt
        self.lastError = lastError
    }
}
