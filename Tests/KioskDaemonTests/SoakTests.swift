import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Citizens back to back through the real daemon: no visit may get stuck, and the daemon's open
/// file descriptors and memory must not grow with the number of visits.
/// `ONETRIP_SOAK_CITIZENS` sets how many (200 by default; `scripts/bench` runs 10,000).
extension EndToEndTests {
    @Test
    func backToBackCitizensNeverStickAndLeakNothing() async throws {
        let citizens = Int(ProcessInfo.processInfo.environment["ONETRIP_SOAK_CITIZENS"] ?? "") ?? 200
        try await self.withRig(.init(session: ["collect_timeout": "\"1s\"", "error_timeout": "\"1s\"", "rejected_timeout": "\"1s\""])) { rig in
            let daemon = try #require(rig.daemon)
            let ui = try rig.ui
            try await ui.waitFor(.idle)
            var baseline: (descriptors: Int, residentKB: Int)?
            let keys = ["alpha", "charlie", "golf", "bravo", "delta", "india"]
            for visit in 0..<citizens {
                let key = keys[visit % keys.count]
                try await rig.control("idcard", "place \(key)")
                switch key {
                case "delta":  // expired card
                    try await ui.waitFor(.cardRejected)
                    try await ui.choose(.finish)
                case "india":  // no social-insurance records anywhere
                    try await ui.waitFor(.error)
                    try await ui.choose(.finish)
                default:
                    try await ui.waitFor(.preview) { $0.choices.contains { $0.id == .print } }
                    if visit % 10 == 0 {
                        try await ui.choose(.print)
                        try await ui.waitFor(.collect, timeout: .seconds(120))
                        try await ui.choose(.finish)
                    } else {
                        try await ui.choose(.cancel)
                    }
                }
                try await ui.waitFor(.idle, timeout: .seconds(30))
                try await rig.control("idcard", "remove")
                try await Task.sleep(for: .milliseconds(450))  // two missed polls: the card has left
                if visit == min(10, citizens - 1) { baseline = Self.usage(of: daemon.pid) }
            }
            let end = Self.usage(of: daemon.pid)
            let start = try #require(baseline)
            #expect(end.descriptors <= start.descriptors + 4, "open descriptors grew from \(start.descriptors) to \(end.descriptors)")
            #expect(end.residentKB <= start.residentKB * 3 / 2 + 16_384, "memory grew from \(start.residentKB) kB to \(end.residentKB) kB")
            FileHandle.standardError.write(
                Data("soak: \(citizens) citizens; descriptors \(start.descriptors)→\(end.descriptors), RSS \(start.residentKB)→\(end.residentKB) kB\n".utf8))
        }
    }

    /// Open descriptors and resident memory of a process, from /proc.
    static func usage(of pid: pid_t) -> (descriptors: Int, residentKB: Int) {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1
        return (descriptors, rss)
    }
}
