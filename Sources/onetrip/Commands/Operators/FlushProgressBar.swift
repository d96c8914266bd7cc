import ControlAPI
import Foundation
import Synchronization

/// Shows `onetrip queue flush` progress: on a terminal, one bar redrawn in place
/// (`[##########----------]  50%  600 of 1200 records`); otherwise one plain line per batch.
final class FlushProgressBar: Sendable {
    let isTerminal: Bool
    private let drawn = Mutex(false)
    /// The bar's width in characters.
    static let width = 30

    /// Creates the display.
    init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    /// Shows a progress step.
    func show(_ progress: QueueFlushProgress) {
        let total = Int64(progress.uploaded) + max(0, progress.remaining)
        if self.isTerminal {
            let filled = Int((progress.fractionDone * Double(Self.width)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
            let percent = Int((progress.fractionDone * 100).rounded(.down))
            let text = "\r[\(bar)] \(String(repeating: " ", count: max(0, 3 - String(percent).count)))\(percent)%  \(progress.uploaded) of \(total) records"
            FileHandle.standardOutput.write(Data(text.utf8))
            self.drawn.withLock { $0 = true }
        } else {
            emit("uploaded \(progress.uploaded) of \(total) records, acknowledged through #\(progress.acknowledgedThrough)")
        }
    }

    /// Ends the bar's line.
    func finish() {
        if self.drawn.withLock({ $0 }) { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
