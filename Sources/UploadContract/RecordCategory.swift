/// How a queued record is delivered, which decides whether the kiosk may ever drop it.
///
/// The split follows EVerest libocpp's two message queues (shared/research/kiosk-anchors.md §5.6):
/// transaction messages are persisted and never dropped; the rest may be dropped under a size
/// threshold, oldest first.
public enum RecordCategory: String, Hashable, Sendable, Codable, CaseIterable {
    /// A step of a citizen's visit or transaction (money, prints): never dropped.
    case transaction
    /// An operator's or technician's action (opened the cash box, resolved a transaction):
    /// never dropped.
    case audit
    /// Device and system telemetry (paper low, reconnects): capped, oldest dropped first.
    case telemetry

    /// Whether the kiosk may drop the record when its telemetry cap is reached.
    public var isDroppable: Bool { self == .telemetry }
}
