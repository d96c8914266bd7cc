/// Who is on the other end of a control connection, as the kernel tells it (`SO_PEERCRED`):
/// the operator an audited action is journalled under. Trustworthy, unlike a name the client
/// could send, because a process cannot fake its credentials on a Unix socket.
public struct ControlPeer: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The user id.
    public var uid: UInt32
    /// The group id.
    public var gid: UInt32
    /// The process id.
    public var pid: Int32
    /// The login name, when the user database knows the uid.
    public var userName: String?

    /// Creates the value.
    public init(uid: UInt32, gid: UInt32, pid: Int32, userName: String?) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.userName = userName
    }

    /// The name an operator action is journalled under: the login name, or `uid 1001`.
    public var operatorName: String { self.userName ?? "uid \(self.uid)" }

    /// `wang (uid 1001, pid 4242)`.
    public var description: String { "\(self.userName ?? "?") (uid \(self.uid), pid \(self.pid))" }
}
