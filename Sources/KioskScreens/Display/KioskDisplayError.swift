/// Why the screen process cannot run or lost its link, in words for a technician.
public enum KioskDisplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Neither the environment's locale nor C.UTF-8 is a UTF-8 locale.
    case noUTF8Locale
    /// ncurses has no terminfo entry for `TERM`.
    case unknownTerminal(String)
    /// Standard input or output is not usable as a terminal.
    case terminalUnavailable(errno: Int32)
    /// The socket path does not fit a Unix socket address (108 bytes).
    case socketPathTooLong(String)
    /// Connecting to the daemon's screen socket failed.
    case connectFailed(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .noUTF8Locale: "no UTF-8 locale: set LANG (e.g. LANG=C.UTF-8) so Chinese text can be shown"
        case .unknownTerminal(let term): "unknown terminal type TERM='\(term)': install its terminfo entry or set TERM (e.g. linux, xterm-256color)"
        case .terminalUnavailable(let code): "standard input/output is not a usable terminal (errno \(code))"
        case .socketPathTooLong(let path): "screen socket path too long for a Unix socket: \(path)"
        case .connectFailed(let path, let code): "cannot connect to the screen socket \(path): \(String(cString: strerror(code)))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
