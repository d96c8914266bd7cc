/// A problem in a device profile, pointing at the file, line and key: `file:line: key: what is wrong`.
public struct ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The profile file (as given to the loader).
    public var file: String
    /// The 1-based line of the offending node (0 when unknown).
    public var line: Int
    /// The dotted key path (`transport.baudRate`).
    public var key: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String { "\(self.file):\(self.line): \(self.key.isEmpty ? "(document)" : self.key): \(self.message)" }
}
