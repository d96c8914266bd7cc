/// Why the daemon could not start, in words for the technician reading `journalctl -u onetripd`.
public struct DaemonError: Error, CustomStringConvertible {
    /// What failed and what to do.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
