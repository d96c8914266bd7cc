import COneTripCUPS

/// One connection to a CUPS scheduler, over its Unix-domain socket or TCP, through libcups.
///
/// libcups keeps the server, the user and the last error per thread, and one `http_t` must not
/// be shared between threads (shared/research/cups-printing.md §1.1). So a connection is not
/// `Sendable`: its owner keeps it on one thread and makes every call, and reads every error,
/// there.
public final class CUPSConnection {
    let http: OpaquePointer
    /// Whether the last request failed in a way that needs a fresh connection.
    var isBroken = false
    /// The server as given (`/run/onetrip/cups.sock` or `printhost:631`).
    public let server: String

    /// The server libcups would use by default: `CUPS_SERVER`, then `client.conf`, then the
    /// local socket or `localhost` (`cupsServer()`).
    public static var defaultServer: String {
        String(cString: COneTripCUPS.cupsServer())
    }

    /// Connects to a scheduler.
    /// - Parameters:
    ///   - server: a socket path (leading `/`), `host` or `host:port`.
    ///   - timeout: connect timeout.
    /// - Throws: ``CUPSError/connectFailed(server:reason:)``.
    public init(server: String, timeout: Duration = .seconds(5)) throws(CUPSError) {
        let host: String
        var port: Int32 = 0
        if server.hasPrefix("/") {
            host = server
        } else if let colon = server.lastIndex(of: ":"), let number = Int32(server[server.index(after: colon)...]) {
            host = String(server[..<colon])
            port = number
        } else {
            host = server
            port = 631
        }
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard let http = httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, milliseconds, nil) else {
            throw .connectFailed(server: server, reason: CUPSError.lastErrorMessage())
        }
        self.http = http
        self.server = server
    }

    deinit {
        httpClose(self.http)
    }

    /// The names of the queues the scheduler offers (`cupsGetDests2`).
    public func queueNames() -> [String] {
        var destinations: UnsafeMutablePointer<cups_dest_t>?
        let count = cupsGetDests2(self.http, &destinations)
        defer { cupsFreeDests(count, destinations) }
        guard let destinations else { return [] }
        return (0..<Int(count)).map { String(cString: destinations[$0].name) }
    }
}

@available(*, unavailable)
extension CUPSConnection: Sendable {}
