import KioskCore

/// Where a journalled transaction stands.
public enum TransactionState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Opened; nothing paid yet.
    case open
    /// A payment device is taking money.
    case paying
    /// Fully paid; delivery under way.
    case paid
    /// Paid (if anything was due) and delivered.
    case completed
    /// Ended with nothing taken and nothing delivered.
    case cancelled
    /// Delivery failed with nothing taken.
    case failed
    /// Money was taken and the service was not (fully) delivered: an operator must act. Stays
    /// so until ``Journal/resolve(_:resolution:by:at:)``, whatever entries follow.
    case needsAttention
    /// An operator resolved a transaction that needed attention.
    case resolved

    /// Whether the transaction has ended and needs nothing more.
    public var isFinal: Bool { [.completed, .cancelled, .failed, .resolved].contains(self) }

    /// The state a transaction outcome closes in.
    init(_ outcome: TransactionOutcome) {
        switch outcome {
        case .completed: self = .completed
        case .cancelled: self = .cancelled
        case .failed: self = .failed
        case .needsAttention: self = .needsAttention
        }
    }
}
