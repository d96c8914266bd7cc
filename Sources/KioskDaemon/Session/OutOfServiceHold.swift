/// Why the kiosk is held out of service for citizens. The session is in maintenance while any
/// hold remains, so a technician switching maintenance off does not put back in service a kiosk
/// whose journal failed.
public enum OutOfServiceHold: String, Hashable, Sendable, CaseIterable {
    /// A technician's maintenance mode (`onetrip maintenance on`).
    case maintenance
    /// External diagnostics are printing or opening the bill path.
    case diagnostics
    /// A journal write failed: no money may move.
    case journalFailure
    /// The daemon is shutting down.
    case shutdown
}
