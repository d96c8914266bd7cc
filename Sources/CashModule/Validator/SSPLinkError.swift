import DeviceKit

/// Why a command to the validator got no usable answer.
public enum SSPLinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No valid reply after every retry: the validator is off, unplugged from its own power,
    /// set to another SSP address, or the baud rate is wrong.
    case noReply(command: String, attempts: Int, lastProblem: String?)
    /// The port failed (unplugged, closed).
    case transport(TransportError)
    /// A reply arrived but made no sense.
    case protocolViolation(SSPProtocolError)

    public var description: String {
        switch self {
        case .noReply(let command, let attempts, let lastProblem):
            "the validator did not answer \(command) after \(attempts) attempt(s)\(lastProblem.map { " (last problem: \($0))" } ?? ""); check its power, its cable and that it is set to SSP address 0 at 9600 baud"
        case .transport(let error): error.description
        case .protocolViolation(let error): error.description
        }
    }

    /// Whether the port itself failed (rather than the device staying silent on a working port).
    public var isTransportFailure: Bool {
        if case .transport = self { return true }
        return false
    }
}
