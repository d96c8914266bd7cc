extension GatewayFaults {
    /// The fault commands of the control socket, one per line.
    public static let controlHelp = """
        delay DURATION     wait this long before every records answer (2s, 300ms, 0)
        fail STATUS [N]    answer STATUS (500, 502, 503, 504…) to the next N requests (all, until clear)
        malformed [N]      answer 200 with the JSON cut off in the middle
        wrong-schema [N]   answer 200 with JSON that is not the contract's records
        wrong-source [N]   answer 200 with another source's records
        drop [N]           read the request, then close the connection without answering
        clear              no faults, no delay
        status             the faults in force and the number of requests served
        requests [N]       the last N requests (default 10): request id, kiosk, source, status, fault
        """

    /// Applies one fault command (`fail 503 2`, `delay 2s`, `clear`).
    /// - Returns: the reply line (`ok …`), or `nil` when the line is not a fault command.
    /// - Throws: ``GatewayControlError`` for a fault command with bad arguments.
    public mutating func apply(controlLine line: String) throws(GatewayControlError) -> String? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        let arguments = Array(words.dropFirst())
        switch verb {
        case "delay":
            guard arguments.count == 1, let delay = Self.duration(arguments[0]) else {
                throw GatewayControlError("usage: delay DURATION (2s, 300ms, 0)")
            }
            self.answerDelay = delay
        case "fail":
            guard (1...2).contains(arguments.count), let status = Int(arguments[0]), (400...599).contains(status) else {
                throw GatewayControlError("usage: fail STATUS [N], STATUS 400–599")
            }
            self.set(.status(status), count: try Self.count(arguments.dropFirst()))
        case "malformed":
            self.set(.malformedJSON, count: try Self.count(arguments[...]))
        case "wrong-schema":
            self.set(.wrongSchema, count: try Self.count(arguments[...]))
        case "wrong-source":
            self.set(.wrongSource, count: try Self.count(arguments[...]))
        case "drop":
            self.set(.dropConnection, count: try Self.count(arguments[...]))
        case "clear":
            self = GatewayFaults()
        default:
            return nil
        }
        return "ok \(self.summary)"
    }

    private static func count(_ arguments: ArraySlice<String>) throws(GatewayControlError) -> Int? {
        guard let first = arguments.first else { return nil }
        guard arguments.count == 1, let count = Int(first), count > 0 else { throw GatewayControlError("N must be a positive number of requests") }
        return count
    }

    /// Parses `2s`, `1.5s`, `300ms`, `0`.
    public static func duration(_ text: String) -> Duration? {
        let lowered = text.lowercased()
        if lowered == "0" { return .zero }
        if lowered.hasSuffix("ms"), let value = Double(lowered.dropLast(2)), value >= 0 { return .milliseconds(Int64(value.rounded())) }
        if lowered.hasSuffix("s"), let value = Double(lowered.dropLast()), value >= 0 { return .milliseconds(Int64((value * 1000).rounded())) }
        return nil
    }
}

/// A control command with bad arguments.
public struct GatewayControlError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, with the usage.
    public let description: String

    init(_ description: String) { self.description = description }
}
