import Foundation
import KioskCore
import KioskTestSupport
import Simulators

extension Benchmark {
    /// The whole kiosk through the release `onetripd` and every simulator: what OneTrip itself
    /// adds between a card placed on the reader and the proof printed plus the receipt, idle
    /// memory and CPU with the reader polling, and cold start to `READY=1`.
    ///
    /// OneTrip's own time per citizen = (preview shown − the reader's read reply fully sent) +
    /// (collect screen − print touched − cupsd's job span, queued → completed). The reader's
    /// share (waiting for the next poll, select, the read at 115200 baud) comes from the
    /// simulator (`status` → `read-sent-at`); CUPS's and the printer's from cupsd's own error log
    /// with microsecond timestamps. What remains is OneTrip's: decoding, the session, records,
    /// proof rendering and signing, the IPP calls, noticing the job's end (the driver polls),
    /// the receipt's ESC/POS and status checks, and the screens. `ONETRIP_BENCH_CITIZENS` sets
    /// how many citizens (30 by default).
    static let daemon = Benchmark(
        name: "daemon", summary: "onetripd end to end: OneTrip's own time from card to proof and receipt, idle memory and CPU, cold start"
    ) {
        let citizens = Int(ProcessInfo.processInfo.environment["ONETRIP_BENCH_CITIZENS"] ?? "") ?? 30
        let kiosk = try BenchKiosk()
        do {
            let figures = try await Self.measure(kiosk, citizens: citizens)
            await kiosk.stop()
            return figures
        } catch {
            FileHandle.standardError.write(Data("daemon benchmark failed: \(error); logs kept in \(kiosk.path("logs"))\n".utf8))
            throw error
        }
    }

    private static func measure(_ kiosk: BenchKiosk, citizens: Int) async throws -> [Figure] {
        try await kiosk.startSimulators(
            seeds: try Self.seedsPrintingProofReceipts(into: kiosk), profiles: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))

        // Cold starts: the first creates the database; the median of the next five is the figure.
        let first = try await kiosk.startDaemon()
        await kiosk.stopDaemon()
        var starts: [Duration] = []
        for _ in 0..<5 {
            starts.append(try await kiosk.startDaemon())
            await kiosk.stopDaemon()
        }
        _ = try await kiosk.startDaemon()
        guard let pid = kiosk.daemon?.pid else { throw BenchKioskError("onetripd is not running") }
        let ui = try await ScreenClient(socketPath: kiosk.path("run/screen.sock"))
        try await ui.waitFor(.idle)

        // Idle: every driver polls (reader find every 200 ms, validator POLL, receipt status).
        try await Task.sleep(for: .seconds(5))
        let idleStart = try ProcessSample(pid: pid)
        try await Task.sleep(for: .seconds(30))
        let idleEnd = try ProcessSample(pid: pid)

        var totals: [Double] = []
        var readerSpans: [Double] = []
        var windows: [(touched: Date, collected: Date, readerShare: Double, previewShare: Double)] = []
        let keys = ["alpha", "bravo", "charlie", "golf"]
        for visit in 0..<citizens {
            let placed = Date()
            _ = try await kiosk.control("idcard", "place \(keys[visit % keys.count])")
            try await ui.waitFor(.preview) { $0.choices.contains { $0.id == .print } }
            let previewed = Date()
            let status = try await kiosk.control("idcard", "status")
            guard let stamp = status.split(separator: " ").first(where: { $0.hasPrefix("read-sent-at=") }).flatMap({ Double($0.dropFirst(13)) })
            else { throw BenchKioskError("the reader simulator did not say when it sent the read: \(status)") }
            let readSent = Date(timeIntervalSince1970: stamp)
            let touched = Date()
            try await ui.choose(.print)
            try await ui.waitFor(.collect, timeout: .seconds(120))
            let collected = Date()
            totals.append(previewed.timeIntervalSince(placed) + collected.timeIntervalSince(touched))
            readerSpans.append(readSent.timeIntervalSince(placed))
            windows.append((touched, collected, readSent.timeIntervalSince(placed), previewed.timeIntervalSince(readSent)))
            try await ui.choose(.finish)
            try await ui.waitFor(.idle, timeout: .seconds(30))
            _ = try await kiosk.control("idcard", "remove")
            try await Task.sleep(for: .milliseconds(450))  // two missed polls: the card has left
        }
        let afterVisits = try ProcessSample(pid: pid)
        let receipts = try await kiosk.control("receipt", "receipts")
        guard receipts == "ok \(citizens)" else { throw BenchKioskError("the receipt printer printed '\(receipts)' receipts for \(citizens) citizens") }
        let cups = CUPSJobTimeline(errorLog: (try? String(contentsOfFile: kiosk.cupsLog, encoding: .utf8)) ?? "").completedSpans
        guard cups.count == citizens else {
            throw BenchKioskError("cupsd's log shows \(cups.count) completed jobs for \(citizens) citizens (\(kiosk.cupsLog))")
        }
        let own = zip(windows, cups).map { window, cupsSpan in
            window.previewShare + window.collected.timeIntervalSince(window.touched) - cupsSpan
        }
        let previewShares = windows.map(\.previewShare)
        let printShares = zip(windows, cups).map { window, cupsSpan in window.collected.timeIntervalSince(window.touched) - cupsSpan }
        let p50 = Self.percentile(own, 0.50) * 1000
        let p99 = Self.percentile(own, 0.99) * 1000
        let cold = starts.sorted()[starts.count / 2]
        let rss = Double(idleEnd.residentKB) / 1024
        let cpu = idleEnd.cpuPercent(since: idleStart)
        return [
            Figure(name: "card → proof + receipt, total wall time p50 (\(citizens) citizens)", value: Self.percentile(totals, 0.5) * 1000, unit: "ms"),
            Figure(name: "  of which the reader (poll wait, select, read at 115200 Bd), p50", value: Self.percentile(readerSpans, 0.5) * 1000, unit: "ms"),
            Figure(name: "  of which cupsd + IPP printer (job queued → completed), p50", value: Self.percentile(cups, 0.5) * 1000, unit: "ms"),
            Figure(name: "  OneTrip's: read sent → preview shown (decode, records, session, screen), p50", value: Self.percentile(previewShares, 0.5) * 1000, unit: "ms"),
            Figure(name: "  OneTrip's: print touched → collect, minus cupsd (render, sign, IPP, receipt), p50", value: Self.percentile(printShares, 0.5) * 1000, unit: "ms"),
            Figure(name: "OneTrip's own time, p50", value: p50, unit: "ms", goal: "≤ 60 ms", meetsGoal: p50 <= 60),
            Figure(name: "OneTrip's own time, p99", value: p99, unit: "ms", goal: "≤ 150 ms", meetsGoal: p99 <= 150),
            Figure(name: "idle resident memory", value: rss, unit: "MB", goal: "≤ 30 MB", meetsGoal: rss <= 30),
            Figure(name: "  of which anonymous (heap, stacks; the rest is shared file pages)", value: Double(idleEnd.anonymousKB) / 1024, unit: "MB"),
            Figure(name: "resident memory after the \(citizens) citizens", value: Double(afterVisits.residentKB) / 1024, unit: "MB"),
            Figure(name: "  of which anonymous", value: Double(afterVisits.anonymousKB) / 1024, unit: "MB"),
            Figure(name: "idle CPU (30 s, reader polling)", value: cpu, unit: "% of a core", goal: "≤ 1%", meetsGoal: cpu <= 1),
            Figure(name: "cold start to READY=1, median of 5", value: cold.milliseconds, unit: "ms", goal: "≤ 500 ms", meetsGoal: cold <= .milliseconds(500)),
            Figure(name: "first start (creates the database)", value: first.milliseconds, unit: "ms"),
        ]
    }

    /// The seeds with the proofs printing a receipt after the document, so each visit ends with
    /// both, as the end-to-end figure asks; everything else as shipped.
    private static func seedsPrintingProofReceipts(into kiosk: BenchKiosk) throws -> URL {
        let seeds = kiosk.directory.appendingPathComponent("seeds")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("seeds"), to: seeds)
        let file = seeds.appendingPathComponent("services.json")
        guard var catalogue = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any],
            let services = catalogue["services"] as? [[String: Any]]
        else { throw BenchKioskError("seeds/services.json has no services list") }
        catalogue["services"] = services.map { service -> [String: Any] in
            var service = service
            if service["kind"] as? String == "proof" { service["printsReceipt"] = true }
            return service
        }
        try JSONSerialization.data(withJSONObject: catalogue, options: [.prettyPrinted]).write(to: file)
        return seeds
    }

    private static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    }
}
