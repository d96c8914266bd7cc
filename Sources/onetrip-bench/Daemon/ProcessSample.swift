import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A process's CPU time and resident memory at one moment, from `/proc/PID/stat` (fields 14 and
/// 15, utime and stime, in clock ticks; proc(5)) and `/proc/PID/status` (`VmRSS`).
struct ProcessSample {
    /// User plus system CPU time, in seconds.
    var cpuSeconds: Double
    /// Resident set size, in kB.
    var residentKB: Int
    /// The anonymous part of it (heap, stacks), in kB: the rest is file pages (the binary, the
    /// libraries, the mapped CJK fonts), which the kernel shares and can drop.
    var anonymousKB: Int
    /// When it was taken.
    var at: ContinuousClock.Instant

    init(pid: pid_t) throws {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
        guard let close = stat.lastIndex(of: ")") else { throw BenchKioskError("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchKioskError("unreadable /proc/\(pid)/stat")
        }
        self.cpuSeconds = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") }
            return line?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        }
        self.residentKB = kilobytes("VmRSS")
        self.anonymousKB = kilobytes("RssAnon")
        self.at = .now
    }

    /// The share of one core used between `earlier` and this sample, in percent.
    func cpuPercent(since earlier: ProcessSample) -> Double {
        (self.cpuSeconds - earlier.cpuSeconds) / (self.at - earlier.at).seconds * 100
    }
}
