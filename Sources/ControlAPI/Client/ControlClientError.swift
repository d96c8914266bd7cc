/// Why `onetrip` could not get an answer from the daemon, in words that say what to do.
public enum ControlClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No daemon listens: no socket file, or a stale one nobody accepts on.
    case notRunning(socket: String, detail: String)
    /// The socket exists but this user may not connect to it.
    case permissionDenied(socket: String, group: String?)
    /// The daemon answered with a problem (bad request, conflict, internal error).
    case problem(ControlProblem)
    /// The connection failed or broke off.
    case transport(socket: String, detail: String)
    /// The daemon's answer could not be read.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .notRunning(let socket, let detail): "onetripd is not running (\(detail) at \(socket)); start it with systemctl start onetripd"
        case .permissionDenied(let socket, let group):
            if let group {
                "permission denied on \(socket): add yourself to the \(group) group (usermod -aG \(group) $USER, then log in again), or use sudo"
            } else {
                "permission denied on \(socket): only root and the socket's group may use it"
            }
        case .problem(let problem): "onetripd refused: \(problem.detail)"
        case .transport(let socket, let detail): "lost the connection to onetripd at \(socket): \(detail)"
        case .malformedResponse(let detail): "onetripd sent an answer onetrip cannot read (\(detail)); are onetrip and onetripd the same version?"
        }
    }

    /// Whether the daemon is simply not there (so a command may work without it).
    public var isNotRunning: Bool {
        if case .notRunning = self { return true }
        return false
    }
}
