import Synchronization

/// Something one check of a device leaves for a later check of the same run: the external check
/// prints a test receipt, and the interactive check asks about that receipt instead of printing
/// another one.
public final class DiagnosticMemo<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    /// An empty memo.
    public init() {}

    /// What was left, if anything.
    public var value: Value? { self.storage.withLock { $0 } }

    /// Leaves a value (replacing the previous one).
    public func record(_ value: Value) {
        self.storage.withLock { $0 = value }
    }
}
