/// The faults a running reference gateway is told to show, switched at run time from its
/// control socket (``apply(controlLine:)``) or by a test (`RecordsGatewayServer.setFaults`).
///
/// One answer fault is active at a time, for the next `remaining` records requests (or until
/// cleared when `remaining` is `nil`); each records request uses one up, whatever it asked. The
/// answer delay is separate and applies to every records request.
public struct GatewayFaults: Hashable, Sendable {
    /// A way of answering wrongly.
    public enum Fault: Hashable, Sendable, CustomStringConvertible {
        /// Answer this status (500, 502, 503, 504…) with a problem body, before checking anything.
        case status(Int)
        /// A 200 whose body is cut off in the middle (not JSON).
        case malformedJSON
        /// A 200 whose body is JSON but not the contract's shape (`payload` instead of `data`).
        case wrongSchema
        /// A 200 with valid records of another source than the one asked for.
        case wrongSource
        /// Read the request, then close the connection without answering.
        case dropConnection

        /// The control-line word for the fault.
        public var description: String {
            switch self {
            case .status(let code): "fail \(code)"
            case .malformedJSON: "malformed"
            case .wrongSchema: "wrong-schema"
            case .wrongSource: "wrong-source"
            case .dropConnection: "drop"
            }
        }
    }

    /// Waited before every records answer (a slow department).
    public var answerDelay: Duration = .zero
    /// The active fault.
    public var fault: Fault?
    /// How many more requests get the fault; `nil` = every request until cleared.
    public var remaining: Int?

    /// No faults.
    public init() {}

    /// Sets a fault for the next `count` requests (`nil`: until cleared).
    public mutating func set(_ fault: Fault, count: Int? = nil) {
        self.fault = fault
        self.remaining = count
    }

    /// The fault for the request arriving now, using one up.
    public mutating func take() -> Fault? {
        guard let fault = self.fault else { return nil }
        if let remaining = self.remaining {
            if remaining <= 1 {
                self.fault = nil
                self.remaining = nil
            } else {
                self.remaining = remaining - 1
            }
        }
        return fault
    }

    /// `delay 2s; fail 503 (2 more)`.
    public var summary: String {
        var parts: [String] = []
        if self.answerDelay > .zero { parts.append("delay \(self.answerDelay)") }
        if let fault = self.fault {
            parts.append(self.remaining.map { "\(fault) (\($0) more)" } ?? "\(fault) (until cleared)")
        }
        return parts.isEmpty ? "no faults" : parts.joined(separator: "; ")
    }
}
