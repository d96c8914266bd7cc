import Hummingbird
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The request context of the control API: Hummingbird's basic context plus the connection,
/// so a handler can ask the kernel who connected.
struct ControlRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The peer's credentials (`SO_PEERCRED`), or `nil` where the platform or the channel
    /// cannot tell.
    func peer() async -> ControlPeer? {
        #if os(Linux)
        guard let provider = self.channel as? any SocketOptionProvider else { return nil }
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        guard let credentials = try? await future.get() else { return nil }
        return ControlPeer(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid, userName: Self.userName(of: credentials.uid))
        #else
        return nil
        #endif
    }

    private static func userName(of uid: uid_t) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}

/// The kernel's `struct ucred` (`pid_t pid; uid_t uid; gid_t gid;`, see socket(7) and
/// `<bits/socket.h>`), declared here because glibc shows it to C only under `_GNU_SOURCE`.
/// Three 32-bit fields, so the layout matches the C struct exactly.
private struct PeerCredentials {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
