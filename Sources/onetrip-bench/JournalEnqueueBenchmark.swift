import Foundation
import Journal
import KioskCore
import OneTripSQLite

extension Benchmark {
    /// Durable enqueue rate of the journal against the disk's fsync rate, a raw SQLite commit
    /// with the same durability (WAL, `synchronous=FULL`) and persist-queue's SQLiteAckQueue
    /// (Python), all in one run on the same disk, in interleaved rounds so that other load on
    /// a shared machine hits every contender alike.
    static let journalEnqueue = Benchmark(
        name: "journal-enqueue", summary: "durable journal enqueue vs fsync, raw SQLite commit and persist-queue (same disk, interleaved)"
    ) {
        let directory = try JournalBench.workDirectory("enqueue")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rounds = 5
        let operations = 1500
        let python = ProcessInfo.processInfo.environment["ONETRIP_BENCH_PYTHON"]
        var fsyncRates: [Double] = []
        var rawRates: [Double] = []
        var journalRates: [Double] = []
        var queueRates: [Double] = []
        var queueCycleRates: [Double] = []
        let journal = try Journal.open(path: directory.appendingPathComponent("journal.sqlite").path, configuration: JournalConfiguration(kioskID: "BENCH-01"))
        let raw = try JournalBench.rawDatabase(directory.appendingPathComponent("raw.sqlite").path)
        var sessionNumber: UInt64 = 1
        for round in 1...rounds {
            fsyncRates.append(try JournalBench.fsyncRate(directory.appendingPathComponent("fsync-\(round).bin").path, operations: operations))
            rawRates.append(try JournalBench.rawCommitRate(raw, operations: operations))
            let clock = ContinuousClock()
            var recorded = 0
            let elapsed = try await clock.measure {
                while recorded < operations {
                    for entry in JournalBench.visit(number: sessionNumber) {
                        try await journal.record(entry)
                        recorded += 1
                    }
                    sessionNumber += 1
                }
            }
            journalRates.append(Double(recorded) / JournalBench.seconds(elapsed))
            if let python {
                let rates = try JournalBench.persistQueueRates(python: python, directory: directory.appendingPathComponent("pq-\(round)"), operations: operations)
                queueRates.append(rates.put)
                queueCycleRates.append(rates.cycle)
            }
        }
        let fsync = JournalBench.median(fsyncRates)
        let rawRate = JournalBench.median(rawRates)
        let journalRate = JournalBench.median(journalRates)
        var figures = [
            Figure(name: "disk fsync rate (write+fsync)", value: fsync, unit: "fsync/s"),
            Figure(name: "raw SQLite commit, WAL+FULL", value: rawRate, unit: "commits/s"),
            Figure(name: "journal durable enqueue", value: journalRate, unit: "records/s"),
            Figure(name: "journal / raw SQLite commit", value: journalRate / rawRate * 100, unit: "%", goal: "≥ 90%", meetsGoal: journalRate >= 0.9 * rawRate),
            Figure(name: "journal / disk fsync rate", value: journalRate / fsync * 100, unit: "%"),
        ]
        if python != nil {
            let queue = JournalBench.median(queueRates)
            let cycle = JournalBench.median(queueCycleRates)
            figures += [
                Figure(name: "persist-queue SQLiteAckQueue put", value: queue, unit: "items/s"),
                Figure(name: "journal / persist-queue put", value: journalRate / queue, unit: "×", goal: "≥ 1.5×", meetsGoal: journalRate >= 1.5 * queue),
                Figure(name: "persist-queue put+get+ack cycle", value: cycle, unit: "items/s"),
                Figure(name: "journal enqueue+upload-ack / persist-queue cycle", value: journalRate / cycle, unit: "×"),
            ]
        } else {
            FileHandle.standardError.write(Data("journal-enqueue: ONETRIP_BENCH_PYTHON not set, persist-queue skipped (scripts/bench sets it up)\n".utf8))
        }
        figures.append(Figure(name: "rounds × operations", value: Double(rounds * operations), unit: "per contender"))
        return figures
    }
}

/// Shared pieces of the journal benchmarks.
enum JournalBench {
    /// A fresh directory on the repository's disk (the disk the kiosk's journal would use here).
    static func workDirectory(_ label: String) throws -> URL {
        let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/bench-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Appends 150 bytes and fsyncs, `operations` times.
    static func fsyncRate(_ path: String, operations: Int) throws -> Double {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw BenchmarkError.missing("writable \(path)") }
        defer {
            close(descriptor)
            unlink(path)
        }
        let bytes = [UInt8](repeating: 0x2A, count: 150)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<operations {
                _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                fsync(descriptor)
            }
        }
        return Double(operations) / seconds(elapsed)
    }

    /// A table like the outbox, WAL and `synchronous=FULL`.
    static func rawDatabase(_ path: String) throws -> Database {
        let database = try Database(path: path)
        try database.enableWriteAheadLog()
        try database.setSynchronous(.full)
        try database.executeScript("CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        return database
    }

    /// One INSERT per committed transaction, the payload the size of a journal record.
    static func rawCommitRate(_ database: Database, operations: Int) throws -> Double {
        let payload = #"{"amountDueFen":15000,"method":"cash","service":"traffic-fine-payment","session":"BENCH-01-000001"}"#
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<operations {
                try database.inTransaction(.immediate) { try database.execute("INSERT INTO queue (payload) VALUES (?)", [payload]) }
            }
        }
        return Double(operations) / seconds(elapsed)
    }

    /// A paid visit's journal entries.
    static func visit(number: UInt64) -> [JournalEntry] {
        let session = SessionID(kioskID: "BENCH-01", number: number)
        let transaction = TransactionID(session: session)
        let identity = MaskedIdentity(cardType: .residentID, name: "测*", documentNumber: "110105********002X", address: "北京市东城区****")
        let events: [JournalEntry.Event] = [
            .sessionStarted(identity, CitizenKey(hex: String(repeating: "5a", count: 32))), .serviceSelected("traffic-fine-payment"),
            .recordsFetched(.trafficViolations, count: 2), .transactionOpened("traffic-fine-payment", amountDue: .yuan(150)),
            .paymentStarted(.cash, amountDue: .yuan(150)), .noteCredited(.yuan(100), totalPaid: .yuan(100)),
            .noteCredited(.yuan(50), totalPaid: .yuan(150)), .paymentCompleted(paid: .yuan(150), credit: .zero), .receiptPrinted(.receipt),
            .transactionClosed(.completed), .sessionEnded(.completed),
        ]
        return events.enumerated().map { index, event in
            JournalEntry(sessionID: session, transactionID: (3...9).contains(index) ? transaction : nil, event: event)
        }
    }

    /// persist-queue's SQLiteAckQueue in the venv's Python: `put` rate, and the rate of a full
    /// put + get + ack cycle (its ack is one commit per item).
    static func persistQueueRates(python: String, directory: URL, operations: Int) throws -> (put: Double, cycle: Double) {
        let script = """
            import sys, time, persistqueue
            path, n = sys.argv[1], int(sys.argv[2])
            q = persistqueue.SQLiteAckQueue(path, multithreading=True)
            # Same durability as the journal: WAL (persist-queue's default) and synchronous=FULL.
            for connection in {id(q._putter): q._putter, id(q._getter): q._getter}.values():
                connection.execute('PRAGMA synchronous=FULL')
            item = {"amountDueFen": 15000, "method": "cash", "service": "traffic-fine-payment", "session": "BENCH-01-000001"}
            start = time.perf_counter()
            for _ in range(n):
                q.put(item)
            put = n / (time.perf_counter() - start)
            start = time.perf_counter()
            for _ in range(n):
                q.ack(q.get())
            cycle = 1 / (1 / put + (time.perf_counter() - start) / n)
            print(put, cycle)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, directory.path, String(operations)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard process.terminationStatus == 0, fields.count == 2 else { throw BenchmarkError.missing("persist-queue result (is it installed in \(python)?)") }
        return (fields[0], fields[1])
    }
}
