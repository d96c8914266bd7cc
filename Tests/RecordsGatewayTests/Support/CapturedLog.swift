import Logging
import Synchronization

/// Every log line a logger wrote, with its metadata, to check what reaches logs.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger writing here at `level`.
    func logger(_ label: String, level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    /// The lines so far: level, message and metadata.
    var all: [String] { self.lines.withLock { $0 } }

    fileprivate func append(_ line: String) { self.lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            self.log.append("\(event.level) \(event.message) \(fields) \(event.source) \(event.file):\(event.line)")
        }
    }
}
