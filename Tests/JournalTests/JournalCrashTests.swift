import Foundation
import IngestHub
import Journal
import KioskTestSupport
import OneTripSQLite
import Testing
import UploadContract

/// Kills a child process that records and uploads with SIGKILL at random moments, 50 times,
/// and checks after every kill that the journal is sound and nothing committed or acknowledged
/// was lost; at the end, that the hub holds every committed record exactly once.
@Suite("Journal crash test (SIGKILL)")
struct JournalCrashTests {
    static let kills = 50

    static func childExecutable() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Fixtures.repositoryRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("onetrip-journal-crashtest") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw TestFailure("onetrip-journal-crashtest is not built (run `swift build --build-tests`); looked in \(candidates.map(\.path))")
        }
        return found
    }

    /// The highest `committed N` the child printed.
    static func highestReported(in log: URL) -> Int64 {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").reduce(0) { highest, line in
            line.hasPrefix("committed ") ? max(highest, Int64(line.dropFirst(10)) ?? 0) : highest
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func killedAtRandomMomentsLosesNothingAndDuplicatesNothing() async throws {
        let key = KioskKey.generate()
        let hub = try await RunningHub.start(keys: [JournalFixtures.kioskID: key], tls: true)
        defer { Task { await hub.stop() } }
        let directory = try Fixtures.temporaryDirectory("onetrip-crash")
        let path = directory.appendingPathComponent("onetrip.sqlite").path
        let executable = try Self.childExecutable()
        var generator = SystemRandomNumberGenerator()
        var reported: Int64 = 0
        var roundsWithCommits = 0
        var roundsWithUploads = 0
        var previousAcknowledged: Int64 = 0
        let arguments = [
            "--database", path, "--kiosk", JournalFixtures.kioskID, "--hub", hub.url.absoluteString, "--key", key.hexEncoded,
            "--ca", try TestCertificate.shared().certificatePath,
        ]

        for round in 1...Self.kills {
            let log = directory.appendingPathComponent("round-\(round).log")
            let child = Process()
            child.executableURL = executable
            child.arguments = arguments + ["--log", log.path]
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Most kills land while the child writes and uploads; some during its start-up
            // (integrity check, migrations, first commit).
            if Int.random(in: 0..<10, using: &generator) > 0 {
                _ = try await eventually(timeout: .seconds(10)) { Self.highestReported(in: log) > reported || !child.isRunning }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...250, using: &generator)))
            } else {
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...60, using: &generator)))
            }
            #expect(child.isRunning, "round \(round): the child died on its own")
            kill(child.processIdentifier, SIGKILL)
            try await waitForExit(child)
            #expect(child.terminationReason == .uncaughtSignal)

            let committed = Self.highestReported(in: log)
            if committed > reported { roundsWithCommits += 1 }
            reported = max(reported, committed)
            do {
                let journal = try await Journal.open(path: path, configuration: JournalConfiguration(kioskID: JournalFixtures.kioskID))
                #expect(try await journal.integrityProblems().isEmpty, "round \(round): integrity_check")
                let records = try JournalFixtures.outbox(path)
                // Every reported commit survived, numbered without gaps.
                #expect(records.map(\.sequence) == (0..<records.count).map { Int64($0) + 1 }, "round \(round): gaps")
                #expect(Int64(records.count) >= reported, "round \(round): a committed record was lost")
                // Everything acknowledged is at the hub, and the hub holds nothing the journal lacks.
                let acknowledged = await journal.counters.acknowledgedThrough
                let held = try await hub.store.records(kioskID: JournalFixtures.kioskID, limit: 10_000_000)
                #expect(held.filter { $0.sequence <= acknowledged }.count == Int(acknowledged), "round \(round): an acknowledged record is missing at the hub")
                let bySequence = Dictionary(uniqueKeysWithValues: records.map { ($0.sequence, $0) })
                #expect(held.allSatisfy { bySequence[$0.sequence] == $0 }, "round \(round): the hub holds a record the journal does not")
                if acknowledged > previousAcknowledged { roundsWithUploads += 1 }
                previousAcknowledged = acknowledged
            }
        }
        print("crash test: \(Self.kills) kills, \(roundsWithCommits) during commits, \(roundsWithUploads) after uploads advanced, \(reported) records reported committed")
        #expect(roundsWithCommits >= Self.kills / 2, "most kills interrupted real work")
        #expect(roundsWithUploads > 0, "uploads happened between kills")

        // Drain what is left: the hub then holds every committed record exactly once.
        let drain = Process()
        drain.executableURL = executable
        drain.arguments = arguments + ["--drain"]
        drain.standardOutput = FileHandle.nullDevice
        try drain.run()
        try await waitForExit(drain)
        #expect(drain.terminationStatus == 0)
        let records = try JournalFixtures.outbox(path)
        let held = try await hub.store.records(kioskID: JournalFixtures.kioskID, limit: 10_000_000)
        #expect(held == records)
        #expect(Int64(held.count) >= reported)
        #expect(try await hub.store.kiosks().first?.records == records.count)
    }
}
