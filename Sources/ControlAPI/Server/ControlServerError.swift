#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the control API cannot start, in words the technician installing the kiosk can act on.
public enum ControlServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The configured group does not exist.
    case unknownGroup(String)
    /// The daemon may not give the socket to the group (not root and not a member).
    case notInGroup(group: String)
    /// Another daemon answers on the socket.
    case alreadyRunning(path: String)
    /// Something that is not a socket sits at the socket's path.
    case notASocket(path: String)
    /// The path is longer than a Unix socket address holds.
    case pathTooLong(path: String, limit: Int)
    /// A file-system call on the socket or its folder failed.
    case fileSystem(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .unknownGroup(let group):
            "the control socket's group '\(group)' does not exist: create it (groupadd --system \(group)) or set sockets.group in onetrip.toml"
        case .notInGroup(let group):
            "the daemon cannot give the control socket to group '\(group)': run it as root, or as a member of that group"
        case .alreadyRunning(let path): "another onetripd already answers on \(path); stop it first (systemctl stop onetripd)"
        case .notASocket(let path): "\(path) exists and is not a socket; remove it or set sockets.control to another path"
        case .pathTooLong(let path, let limit): "the control socket path \(path) is longer than \(limit) bytes; choose a shorter one"
        case .fileSystem(let path, let operation, let code): "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}
