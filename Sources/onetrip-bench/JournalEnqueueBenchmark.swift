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
        // Many short rounds in rotating order: a shared machine's disk is noisy, and this way
        // every contender sees the same noise.
        let rounds = 24
        let operations = 300
        let python = ProcessInfo.processInfo.environment["ONETRIP_BENCH_PYTHON"]
        var totals: [String: (operations: Int, seconds: Double)] = [:]
        func add(_ name: String, _ operations: Int, _ seconds: Double) {
            let total = totals[name] ?? (0, 0)
            totals[name] = (total.operations + operations, total.seconds + seconds)
        }
        let journal = try await Journal.open(path: directory.appendingPathComponent("journal.sqlite").path, configuration: JournalConfiguration(kioskID: "BENCH-01"))
        let raw = try JournalBench.rawDatabase(directory.appendingPathComponent("raw.sqlite").path)
        let fsyncPath = directory.appendingPathComponent("fsync.bin").path
        let queueDirectory = directory.appendingPathComponent("persist-queue")
        var visits = JournalBench.visit(number: 1)[...]
        var sessionNumber: UInt64 = 1
        var contenders = ["fsync", "raw", "journal"] + (python == nil ? [] : ["persist-queue"])
        for _ in 1...rounds {
            for contender in contenders {
                switch contender {
                case "fsync":
                    add(contender, operations, try JournalBench.fsyncSeconds(fsyncPath, operations: operations))
                case "raw":
                    add(contender, operations, try JournalBench.rawCommitSeconds(raw, operations: operations))
                case "journal":
                    let clock = ContinuousClock()
                    var recorded = 0
                    let elapsed = try await clock.measure {
                        while recorded < operations {
                            if visits.isEmpty {
                                sessionNumber += 1
                                visits = JournalBench.visit(number: sessionNumber)[...]
                            }
                            try await journal.record(visits.removeFirst())
                            recorded += 1
                        }
                    }
                    add(contender, recorded, JournalBench.seconds(elapsed))
                default:
                    let rates = try JournalBench.persistQueueRates(python: python ?? "python3", directory: queueDirectory, operations: operations)
                    add(contender, operations, Double(operations) / rates.put)
                    add("persist-queue-cycle", operations, Double(operations) / rates.cycle)
                }
            }
            contenders.append(contenders.removeFirst())
        }
        func rate(_ name: String) -> Double {
            guard let total = totals[name], total.seconds > 0 else { return 0 }
            return Double(total.operations) / total.seconds
        }
        let fsync = rate("fsync")
        let rawRate = rate("raw")
        let journalRate = rate("journal")
        var figures = [
            Figure(name: "disk fsync rate (150 B write + fsync)", value: fsync, unit: "fsync/s"),
            Figure(name: "raw SQLite commit, WAL + synchronous=FULL", value: rawRate, unit: "commits/s"),
            Figure(name: "journal durable enqueue (record, FULL)", value: journalRate, unit: "records/s"),
            Figure(name: "journal / raw SQLite commit", value: journalRate / rawRate * 100, unit: "%", goal: "≥ 90%", meetsGoal: journalRate >= 0.9 * rawRate),
            Figure(name: "journal / disk fsync rate", value: journalRate / fsync * 100, unit: "%"),
        ]
        if python != nil {
            let queue = rate("persist-queue")
            let cycle = rate("persist-queue-cycle")
            figures += [
                Figure(name: "persist-queue SQLiteAckQueue put (WAL+FULL)", value: queue, unit: "items/s"),
                Figure(name: "journal / persist-queue put", value: journalRate / queue, unit: "×", goal: "≥ 1.5×", meetsGoal: journalRate >= 1.5 * queue),
                Figure(name: "persist-queue put+get+ack cycle", value: cycle, unit: "items/s"),
                Figure(name: "journal enqueue (ack batched) / persist-queue cycle", value: journalRate / cycle, unit: "×"),
            ]
        } else {
            FileHandle.standardError.write(Data("journal-enqueue: ONETRIP_BENCH_PYTHON not set, persist-queue skipped (scripts/bench sets it up)\n".utf8))
        }
        figures.append(Figure(name: "operations per contender", value: Double(rounds * operations), unit: "ops"))
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

    /// Appends 150 bytes and fsyncs, `operations` times; returns the seconds taken.
    static func fsyncSeconds(_ path: String, operations: Int) throws -> Double {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw BenchmarkError.missing("writable \(path)") }
        defer { close(descriptor) }
        let bytes = [UInt8](repeating: 0x2A, count: 150)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<operations {
                _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                fsync(descriptor)
            }
        }
        return seconds(elapsed)
    }

    /// A table like the outbox, WAL and `synchronous=FULL`.
    static func rawDatabase(_ path: String) throws -> Database {
        let database = try Database(path: path)
        try database.enableWriteAheadLog()
        try database.setSynchronous(.full)
        try database.executeScript("CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        return database
    }

    /// One INSERT per committed transaction, the payload the size of a journal record; returns
    /// the seconds taken.
    static func rawCommitSeconds(_ database: Database, operations: Int) throws -> Double {
        let payload = #"{"amountDueFen":15000,"method":"cash","service":"traffic-fine-payment","session":"BENCH-01-000001"}"#
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<operations {
                try database.inTransaction(.immediate) { try database.execute("INSERT INTO queue (payload) VALUES (?)", [payload]) }
            }
        }
        return seconds(elapsed)
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
