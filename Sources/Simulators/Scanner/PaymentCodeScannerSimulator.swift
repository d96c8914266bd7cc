import DeviceKit
import Foundation

/// A serial payment-code scanner on a pseudo-terminal: "scanning" a phone writes the code and
/// the configured suffix (CR, LF, CR LF, or none; research C.2), at the line speed.
public final class PaymentCodeScannerSimulator: Sendable {
    /// What ends a code.
    public enum Suffix: String, Sendable, CaseIterable {
        /// Carriage return (the usual factory setting).
        case cr
        /// Line feed.
        case lf
        /// Carriage return and line feed.
        case crlf
        /// Nothing: the host ends the code on silence.
        case none

        /// The bytes.
        public var bytes: [UInt8] {
            switch self {
            case .cr: [0x0D]
            case .lf: [0x0A]
            case .crlf: [0x0D, 0x0A]
            case .none: []
            }
        }
    }

    /// The serial link drivers open.
    public let link: SimulatedSerialLink

    /// Creates a scanner and plugs it in.
    public init(symlinkPath: String? = nil, baudRate: Int = 9600, isPaced: Bool = true) throws(TransportError) {
        self.link = try SimulatedSerialLink(symlinkPath: symlinkPath, baudRate: baudRate, isPaced: isPaced)
    }

    /// Sends a code as the scanner would after reading it from a phone.
    public func scan(_ code: String, suffix: Suffix = .cr) async throws(TransportError) {
        try await self.link.send(Array(code.utf8) + suffix.bytes)
    }

    /// Sends raw bytes (noise, a half code).
    public func send(_ bytes: [UInt8]) async throws(TransportError) {
        try await self.link.send(bytes)
    }

    /// The control-socket commands (`onetrip sim scanner --control PATH`).
    public static let controlHelp = """
        scan CODE [cr|lf|crlf|none]   read a code from a phone (default suffix: cr)
        unplug | plug                 pull / reconnect the cable
        """

    /// Answers one control line.
    public func handle(controlLine line: String) async -> String {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "scan":
            guard words.count >= 2 else { return "error usage: scan CODE [cr|lf|crlf|none]" }
            let suffix = words.count > 2 ? Suffix(rawValue: words[2]) : .cr
            guard let suffix else { return "error suffix must be cr, lf, crlf or none" }
            do {
                try await self.scan(words[1], suffix: suffix)
            } catch {
                return "error \(error)"
            }
            return "ok scanned \(words[1].count) characters"
        case "unplug":
            self.link.unplug()
            return "ok unplugged"
        case "plug":
            do { try self.link.plugIn() } catch { return "error \(error)" }
            return "ok plugged in at \(self.link.devicePath)"
        default:
            return "error unknown command '\(line)'"
        }
    }
}
