import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes one line per message to stderr in the form journald reads
/// best: a `<N>` syslog priority prefix (systemd's `SyslogLevelPrefix=`), the logger label, the
/// message and `key=value` metadata.
///
/// Every line goes through ``PersonalDataScrubber`` first: even if a full ID number slipped into
/// a message or metadata value, it reaches the journal masked.
public struct JournaldLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let output: @Sendable (String) -> Void

    /// Creates a handler writing to stderr.
    public init(label: String, level: Logger.Level = .info) {
        self.init(label: label, level: level) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Creates a handler writing lines somewhere else (tests).
    public init(label: String, level: Logger.Level, output: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }
        let text = ([event.message.description] + pairs).joined(separator: " ")
        let line = "<\(Self.priority(event.level))>\(self.label): \(PersonalDataScrubber.scrub(text))\n"
        self.output(line)
    }

    /// syslog priorities (RFC 5424) for swift-log levels.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? "\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\"" : value
    }
}

/// Masks anything in a log line that looks like a full identity number: 18 characters of
/// 17 digits and a digit or X starting with a province code, and 15-character permanent-resident
/// numbers (three letters, twelve digits). The last line of defence; code masks first.
public enum PersonalDataScrubber {
    private static let patterns: [NSRegularExpression] = [
        try! NSRegularExpression(pattern: "(?<![0-9A-Za-z])([1-9][0-9]{5})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])"),
        try! NSRegularExpression(pattern: "(?<![0-9A-Za-z])([A-Z]{3})([0-9]{8})([0-9]{4})(?![0-9A-Za-z])"),
    ]

    /// The text with identity numbers masked as `330203********3518`.
    public static func scrub(_ text: String) -> String {
        var result = text
        for pattern in Self.patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: "$1********$3")
        }
        return result
    }
}
