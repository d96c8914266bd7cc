import Logging
import Synchronization

/// A log handler that keeps every message, so a test can check what was logged.
final class LogRecorder: Sendable {
    private let messages = Mutex<[(Logger.Level, String)]>([])

    /// A logger writing here.
    func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    /// The messages at a level or above.
    func messages(atLeast level: Logger.Level = .trace) -> [String] {
        self.messages.withLock { $0.filter { $0.0 >= level }.map(\.1) }
    }

    fileprivate func record(_ level: Logger.Level, _ message: String) {
        self.messages.withLock { $0.append((level, message)) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            self.recorder.record(event.level, "\(event.message)")
        }
    }
}
