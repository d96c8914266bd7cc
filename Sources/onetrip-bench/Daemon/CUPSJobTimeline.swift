import Foundation

/// When cupsd queued and completed each job, read from its error log written with
/// `LogTimeFormat usecs` (cupsd.conf(5)): lines such as
/// `I [26/Nov/2026:21:50:01.123456 +0000] [Job 3] Queued on "KioskA4" by "root".` and
/// `… [Job 3] Job completed.` The span between them is CUPS's and the printer's own time.
struct CUPSJobTimeline {
    /// Queued → completed, by job id.
    private(set) var spans: [Int: (queued: Date, completed: Date?)] = [:]

    init(errorLog: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        for line in errorLog.split(separator: "\n") {
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close,
                let job = line.range(of: "] [Job ")
            else { continue }
            let stamp = line[line.index(after: open)..<close]  // 26/Nov/2026:21:50:01.123456 +0000
            guard let dot = stamp.firstIndex(of: "."), let space = stamp.firstIndex(of: " "), dot < space,
                let whole = formatter.date(from: String(stamp[..<dot]) + String(stamp[space...])),
                let fraction = Double("0" + stamp[dot..<space])
            else { continue }
            let time = whole.addingTimeInterval(fraction)
            let rest = line[job.upperBound...]
            guard let end = rest.firstIndex(of: "]"), let id = Int(rest[..<end]) else { continue }
            let message = rest[rest.index(after: end)...].trimmingCharacters(in: .whitespaces)
            if message.hasPrefix("Queued on") {
                self.spans[id] = (time, nil)
            } else if message.hasPrefix("Job completed"), let queued = self.spans[id]?.queued {
                self.spans[id] = (queued, time)
            }
        }
    }

    /// Queued → completed of each completed job, in job order.
    var completedSpans: [TimeInterval] {
        self.spans.keys.sorted().compactMap { id in self.spans[id].flatMap { span in span.completed.map { $0.timeIntervalSince(span.queued) } } }
    }
}
