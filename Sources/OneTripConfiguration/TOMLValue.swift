/// A value in a TOML document, with the line it was written on.
public struct TOMLValue: Hashable, Sendable {
    /// The kinds of value the kiosk's configuration uses.
    public enum Kind: Hashable, Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case array([TOMLValue])
    }

    /// The value.
    public var kind: Kind
    /// The 1-based line it appears on.
    public var line: Int

    /// Creates a value.
    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// A name for the kind, for "expected a string, found an integer" messages.
    public var kindName: String {
        switch self.kind {
        case .string: "string"
        case .integer: "integer"
        case .float: "number"
        case .boolean: "boolean"
        case .array: "array"
        }
    }
}
