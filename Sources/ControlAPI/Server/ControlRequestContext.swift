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
        let future: EventLoopFuture<ucred> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
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
