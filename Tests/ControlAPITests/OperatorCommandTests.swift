import ControlAPI
import Foundation
import Journal
import KioskCore
import KioskTestSupport
import Testing

/// `onetrip logs`, `transactions`, `stats` and `queue status` read the kiosk database directly
/// (read-only), so they work when the daemon is down: the real binary against a journal the real
/// `Journal` filled with visits from the real session machine.
@Suite("Operator commands on the kiosk database", .serialized)
struct OperatorCommandTests {
    @Test func transactionsListEveryTransactionAndFilterByDayServiceAndState() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        _ = try await files.fill()
        let all = try await self.transactions(files, [])
        #expect(all.count == 4)
        #expect(all.allSatisfy { $0["citizenKey"] == nil })
        #expect(Set(all.compactMap { $0["state"] as? String }) == ["completed", "needsAttention"])

        let attention = try await self.transactions(files, ["--status", "needsAttention"])
        #expect(attention.count == 1)
        #expect(attention.first?["amountPaid"] as? String == "50.00")
        #expect((attention.first?["attentionReason"] as? String)?.isEmpty == false)
        #expect(try await self.transactions(files, ["--service", "social-insurance-proof"]).count == 2)
        #expect(try await self.transactions(files, ["--date", "2025-11-27"]).count == 1)
        #expect(try await self.transactions(files, ["--from", "2025-11-26", "--to", "2025-11-26"]).count == 3)
        #expect(try await self.transactions(files, ["--from", "2025-11-26 08:05", "--to", "2025-11-26 09:00"]).count == 2)
        #expect(try await self.transactions(files, ["--status", "completed", "--status", "cancelled", "--limit", "2"]).count == 2)

        let table = try await OneTripTool.run(["transactions", "--config", files.configPath])
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.hasPrefix("OPENED"))
        #expect(table.output.contains("TEST-01-000002T"))
        #expect(table.output.contains("  ! "), "the reason money needs attention is shown under its row")
    }

    @Test func aCitizensTransactionsAreFoundByIDNumberWhichIsNeverPrintedNorStored() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        _ = try await files.fill()
        let number = try KioskFiles.number("alpha")
        let masked = try Fixtures.citizen("alpha").identity.masked.documentNumber

        let typed = try await OneTripTool.run(["transactions", "--config", files.configPath, "--id-number", number.lowercased(), "--json"])
        #expect(typed.status == 0, "\(typed.errors)")
        let found = try Self.objects(typed.output)
        #expect(found.count == 2)
        #expect(found.allSatisfy { ($0["citizen"] as? [String: Any])?["documentNumber"] as? String == masked })
        #expect(!typed.everything.contains(number))

        // Typed without echo (or piped): the number stays out of the shell history too.
        let piped = try await OneTripTool.run(["transactions", "--config", files.configPath, "--id-number", "-", "--csv"], input: number)
        #expect(piped.status == 0, "\(piped.errors)")
        #expect(piped.output.split(separator: "\r\n").count == 3)
        #expect(!piped.everything.contains(number))

        // Someone who never came finds nothing; a typo is an error that does not echo the number.
        let echo = try await OneTripTool.run(["transactions", "--config", files.configPath, "--id-number", try KioskFiles.number("echo"), "--json"])
        #expect(try Self.objects(echo.output).isEmpty)
        var typo = Array(number)
        typo[17] = typo[17] == "1" ? "2" : "1"
        let wrong = try await OneTripTool.run(["transactions", "--config", files.configPath, "--id-number", String(typo)])
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("check digit"), "\(wrong.errors)")
        #expect(!wrong.everything.contains(String(typo)))
        #expect(!wrong.everything.contains(String(typo.prefix(14))))

        let database = try files.databaseBytes()
        for citizen in ["alpha", "bravo", "charlie", "delta"] {
            #expect(database.range(of: Data(try KioskFiles.number(citizen).utf8)) == nil, "\(citizen)'s number is in the database")
        }
    }

    @Test func aMissingOrUnreadableKeyFileIsAClearError() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        _ = try await files.fill()
        let missing = try await OneTripTool.run([
            "transactions", "--config", files.configPath, "--citizen-key-file", files.directory.appendingPathComponent("absent.key").path,
            "--id-number", try KioskFiles.number("alpha"),
        ])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("cannot read the citizen key file"), "\(missing.errors)")
    }

    @Test func logsFilterByLevelDeviceServiceTransactionAndTime() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        _ = try await files.fill()
        let all = try await self.logs(files, [])
        #expect(all.map { $0["code"] as? String } == ["needs-attention", "card-rejected", "paper-out"], "oldest first")
        #expect(try await self.logs(files, ["--level", "error"]).compactMap { $0["code"] as? String } == ["needs-attention", "paper-out"])
        #expect(try await self.logs(files, ["--device", "receipt-printer"]).compactMap { $0["code"] as? String } == ["paper-out"])
        #expect(try await self.logs(files, ["--service", "traffic-fine-payment"]).compactMap { $0["code"] as? String } == ["needs-attention"])
        #expect(try await self.logs(files, ["--transaction", "TEST-01-000002T"]).compactMap { $0["code"] as? String } == ["needs-attention"])
        #expect(try await self.logs(files, ["--session", "TEST-01-000004"]).compactMap { $0["code"] as? String } == ["card-rejected"])
        let window = try await self.logs(files, ["--since", "2025-11-26 10:30", "--until", "2025-11-26T11:30:00+08:00"])
        #expect(window.compactMap { $0["code"] as? String } == ["paper-out"])
        #expect(window.first?["time"] as? String == "2025-11-26T11:00:00+08:00")
        #expect(try await self.logs(files, ["--until", "2025-11-25"]).isEmpty)
        #expect(try await self.logs(files, ["--limit", "1"]).compactMap { $0["code"] as? String } == ["paper-out"], "the newest")

        let csv = try await OneTripTool.run(["logs", "--config", files.configPath, "--csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        let lines = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "id,time,level,category,source,code,session,transaction,message")
        #expect(lines.count == 4)
        #expect(lines.last?.contains("receipt-printer,paper-out") == true)

        let text = try await OneTripTool.run(["logs", "--config", files.configPath, "--level", "critical"])
        #expect(text.output.contains("2025-11-26 08:") && text.output.contains("needs-attention"), "\(text.output)")
        let bad = try await OneTripTool.run(["logs", "--config", files.configPath, "--since", "last tuesday"])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("is not a time"))
    }

    @Test func followPrintsAnEventWrittenAfterItStarted() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        let journal = try await files.fill()
        let follower = try OneTripTool.start(["logs", "--config", files.configPath, "--follow", "--json", "--poll-interval", "100"])
        defer { follower.stop() }
        _ = try await follower.nextLine { $0.contains("paper-out") }
        try await journal.recordEvent(.device("bill-validator", code: "cash-box-removed", message: "the cash box was taken out", level: .warning))
        let line = try await follower.nextLine { $0.contains("cash-box-removed") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["source"] as? String == "bill-validator")
        // Only new rows: nothing printed twice.
        #expect(follower.lines.filter { $0.contains("paper-out") }.count == 1)
    }

    @Test func statsCountSessionsProofsPaymentsAndFailuresByCausePerDay() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        _ = try await files.fill()
        let run = try await OneTripTool.run(["stats", "--config", files.configPath, "--from", "2025-11-26", "--to", "2025-11-27", "--json"])
        #expect(run.status == 0, "\(run.errors)")
        let days = try Self.objects(run.output)
        #expect(days.compactMap { $0["day"] as? String } == ["2025-11-26", "2025-11-27"])
        let first = try #require(days.first)
        #expect(first["sessions"] as? Int == 4)
        #expect(first["proofsPrinted"] as? Int == 1)
        #expect(first["payments"] as? Int == 2)
        #expect(first["amountPaid"] as? String == "450.00")
        #expect(first["needsAttention"] as? Int == 1)
        let causes = try #require(first["failures"] as? [[String: Any]])
        #expect(Set(causes.compactMap { $0["code"] as? String }) == ["card-rejected", "needs-attention", "paper-out"])
        #expect(causes.first { $0["code"] as? String == "paper-out" }?["detail"] as? String == "receipt-printer")
        #expect(days.last?["proofsPrinted"] as? Int == 1)
        #expect((days.last?["failures"] as? [Any])?.isEmpty == true)

        let table = try await OneTripTool.run(["stats", "--config", files.configPath, "--from", "2025-11-26", "--to", "2025-11-27"])
        #expect(table.output.hasPrefix("DAY"))
        #expect(table.output.contains("Failures by cause:"))
        let csv = try await OneTripTool.run(["stats", "--config", files.configPath, "--from", "2025-11-26", "--to", "2025-11-27", "--csv"])
        #expect(csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 3 + 1)
        let empty = try await OneTripTool.run(["stats", "--config", files.configPath, "--from", "2025-10-01", "--to", "2025-10-02"])
        #expect(empty.output.contains("No activity from 2025-10-01 to 2025-10-02"))
    }

    @Test func queueStatusReadsTheDatabaseWhenTheDaemonIsDown() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        let journal = try await files.fill()
        let pending = try await journal.outboxStatus().pendingRecords
        let run = try await OneTripTool.run(["queue", "--config", files.configPath, "--json"])
        #expect(run.status == 0, "\(run.errors)")
        let report = try ControlJSON.makeDecoder().decode(QueueReport.self, from: Data(run.output.utf8))
        #expect(report.pendingRecords == pending)
        #expect(report.uploader == nil)
        let text = try await OneTripTool.run(["queue", "status", "--config", files.configPath])
        #expect(text.errors.contains("onetripd is not running"))
        #expect(text.output.contains("\(pending) records"))
        #expect(text.output.contains("never"), "no upload yet")
    }

    @Test func aMissingDatabaseOrConfigurationSaysWhatToDo() async throws {
        let files = try KioskFiles()
        defer { files.remove() }
        let noDatabase = try await OneTripTool.run(["logs", "--config", files.configPath])
        #expect(noDatabase.status != 0)
        #expect(noDatabase.errors.contains("no kiosk database at \(files.databasePath)"), "\(noDatabase.errors)")
        let badConfig = try await OneTripTool.run(["logs", "--config", files.directory.appendingPathComponent("absent.toml").path])
        #expect(badConfig.status != 0)
        #expect(badConfig.errors.contains("absent.toml"))
    }

    // MARK: Helpers

    private func transactions(_ files: KioskFiles, _ arguments: [String]) async throws -> [[String: Any]] {
        let run = try await OneTripTool.run(["transactions", "--config", files.configPath, "--json"] + arguments)
        #expect(run.status == 0, "\(run.errors)")
        return try Self.objects(run.output)
    }

    private func logs(_ files: KioskFiles, _ arguments: [String]) async throws -> [[String: Any]] {
        let run = try await OneTripTool.run(["logs", "--config", files.configPath, "--json"] + arguments)
        #expect(run.status == 0, "\(run.errors)")
        return try run.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }
}
