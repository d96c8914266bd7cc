import DeviceKit
import Foundation
import KioskCore
import Synchronization
import Testing

/// The runner, the report and its renderers, with checks written here to drive every outcome
/// (the drivers' real checks arrive with the drivers).
@Suite("Diagnostics runner and report")
struct DiagnosticRunnerTests {
    /// A check that reports what it is told to, after an optional delay.
    struct ScriptedCheck: DiagnosticCheck {
        var role: DeviceRole?
        var level: DiagnosticLevel
        var name: String
        var result: DiagnosticResult
        var delay: Duration = .zero
        var timeout: Duration = .seconds(30)

        func run(in context: DiagnosticContext) async -> DiagnosticResult {
            if self.delay > .zero { try? await Task.sleep(for: self.delay) }
            return self.result
        }
    }

    /// A guided check: asks the technician to place a card, then whether the reader beeped.
    struct GuidedCheck: DiagnosticCheck {
        var role: DeviceRole? = .idCardReader
        var level = DiagnosticLevel.interactive
        var name = "guided card read"

        func run(in context: DiagnosticContext) async -> DiagnosticResult {
            await context.prompter.instruct("Place the test card on the reader now")
            switch await context.prompter.confirm("Did the reader beep?") {
            case true?: return .passed("the technician heard the beep")
            case false?:
                return .failed(
                    "no beep", availability: .hardwareError,
                    faults: [.make(code: "no-beep", role: .idCardReader, summary: "the reader did not beep", remediation: Remediation(.maintenance, "replace the reader's buzzer"))])
            case nil: return .skipped("no answer")
            }
        }
    }

    /// A technician who answers from a script and remembers what they were told.
    final class ScriptedTechnician: DiagnosticPrompter {
        let answers: Mutex<[Bool]>
        let heard = Mutex<[String]>([])

        init(answers: [Bool]) { self.answers = Mutex(answers) }

        var isInteractive: Bool { true }

        func instruct(_ instruction: String) async { self.heard.withLock { $0.append(instruction) } }

        func confirm(_ question: String) async -> Bool? {
            self.heard.withLock { $0.append(question) }
            return self.answers.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        }
    }

    static let paperOut = DeviceStatus(
        role: .receiptPrinter, deviceID: "serial:0416:5011:1234567890", availability: .userError,
        faults: [.make(code: "paper-out", role: .receiptPrinter, summary: "the paper roll is empty", remediation: Remediation(.clear, "load a new 80 mm roll and close the cover"))],
        details: ["paper": "out"])

    static let checks: [any DiagnosticCheck] = [
        ScriptedCheck(role: .receiptPrinter, level: .external, name: "test receipt", result: .passed("printed")),
        ScriptedCheck(role: .receiptPrinter, level: .internal, name: "paper status", result: DiagnosticResult(status: Self.paperOut, detail: "DLE EOT 4: paper out")),
        ScriptedCheck(role: .idCardReader, level: .internal, name: "SAM status", result: .passed("SAM answered", availability: .online)),
        GuidedCheck(),
        ScriptedCheck(role: nil, level: .internal, name: "profiles", result: .passed("ok")),
    ]

    @Test func aLevelRunsItsChecksAndThoseBelowInRoleOrder() async {
        let runner = DiagnosticRunner(checks: Self.checks)
        #expect(runner.selected(for: DiagnosticRequest(level: .internal)).map(\.name) == ["profiles", "SAM status", "paper status"])
        #expect(runner.selected(for: DiagnosticRequest(level: .external)).map(\.name) == ["profiles", "SAM status", "paper status", "test receipt"])
        #expect(runner.selected(for: DiagnosticRequest(level: .interactive, roles: [.idCardReader])).map(\.name) == ["profiles", "SAM status", "guided card read"])
    }

    @Test func aFaultFailsTheRunWithItsAvailabilityAndRemediation() async throws {
        let report = await DiagnosticRunner(checks: Self.checks).run(DiagnosticRequest(level: .external))
        #expect(report.exitCode == 1)
        let paper = try #require(report.entries.first { $0.check == "paper status" })
        #expect(paper.result.verdict == .failed && paper.result.availability == .userError)
        #expect(paper.result.faults.first?.remediation == Remediation(.clear, "load a new 80 mm roll and close the cover"))
        #expect(paper.result.details == ["paper": "out"])
        #expect(report.summary == "4 checks: 3 passed, 1 failed, 0 skipped")

        let table = report.table
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("ROLE") && lines[0].contains("AVAILABILITY"))
        let paperLine = try #require(lines.firstIndex { $0.contains("paper status") })
        #expect(lines[paperLine].contains("FAILED") && lines[paperLine].contains("user error"))
        #expect(lines[paperLine + 1] == "  ✗ paper-out: the paper roll is empty → clear: load a new 80 mm roll and close the cover")
        // Columns line up: every cell of the RESULT column starts at the same offset.
        let column = lines[0].range(of: "RESULT")!.lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst() where line.hasPrefix("kiosk") || line.hasPrefix("idCardReader") || line.hasPrefix("receiptPrinter") {
            #expect(["ok", "FAILED", "skipped"].contains { line.dropFirst(column).hasPrefix($0) }, "\(line)")
        }
        #expect(lines.contains("4 checks: 3 passed, 1 failed, 0 skipped (local, level external)"))

        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(DiagnosticReport.self, from: try encoder.encode(report))
        #expect(decoded.entries == report.entries && decoded.exitCode == 1)
    }

    @Test func passedAndSkippedChecksExitZero() async {
        let checks: [any DiagnosticCheck] = [
            ScriptedCheck(role: .idCardReader, level: .internal, name: "a", result: .passed("fine")),
            ScriptedCheck(role: .billValidator, level: .internal, name: "b", result: .skipped("not on this kiosk")),
        ]
        let report = await DiagnosticRunner(checks: checks).run(DiagnosticRequest())
        #expect(report.exitCode == 0 && report.summary == "2 checks: 1 passed, 0 failed, 1 skipped")
    }

    @Test func aCheckThatHangsIsStoppedAndFailsWithAReset() async throws {
        let checks: [any DiagnosticCheck] = [
            ScriptedCheck(role: .billValidator, level: .internal, name: "poll", result: .passed("late"), delay: .seconds(60), timeout: .milliseconds(200))
        ]
        let clock = ContinuousClock()
        let start = clock.now
        let report = await DiagnosticRunner(checks: checks).run(DiagnosticRequest())
        #expect(clock.now - start < .seconds(59))  // stopped by its 200 ms timeout, not the 60 s delay
        let entry = try #require(report.entries.first)
        #expect(entry.result.verdict == .failed && entry.result.availability == .hardwareError)
        #expect(entry.result.faults.map(\.code) == ["check-timeout"] && entry.result.faults.first?.remediation.action == .reset)
        #expect(report.exitCode == 1)
    }

    @Test func guidedChecksNeedATechnician() async throws {
        let request = DiagnosticRequest(level: .interactive, roles: [.idCardReader])
        let unattended = await DiagnosticRunner(checks: [GuidedCheck()]).run(request)
        #expect(unattended.entries.first?.result.verdict == .skipped && unattended.exitCode == 0)

        let technician = ScriptedTechnician(answers: [false])
        let attended = await DiagnosticRunner(checks: [GuidedCheck()]).run(request, context: DiagnosticContext(prompter: technician))
        #expect(technician.heard.withLock { $0 } == ["Place the test card on the reader now", "Did the reader beep?"])
        #expect(attended.entries.first?.result.faults.first?.remediation.action == .maintenance)
        #expect(attended.exitCode == 1)
    }

    @Test func tablesCountChineseCharactersAsTwoColumns() {
        var table = TextTable(headings: ["A", "B"])
        table.append(["纸币识别器", "x"])
        table.append(["abc", "y"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == ["A           B", "纸币识别器  x", "abc         y"])
        #expect(TextTable.width(of: "凭条 ok") == 7)
    }

    @Test func aLocalSourceRunsTheCataloguesChecks() async throws {
        var catalogue = DiagnosticCatalogue()
        catalogue.register("scripted") { environment in
            environment.roles.map { ScriptedCheck(role: $0, level: .internal, name: "status", result: .passed("fine")) }
        }
        let environment = DiagnosticEnvironment(
            profiles: DeviceProfileLibrary(profiles: [], errors: []), assignment: RoleAssignment(), roles: [.idCardReader, .billValidator])
        let source = LocalDiagnostics(catalogue: catalogue, environment: environment)
        let seen = Mutex<[String]>([])
        let report = try await source.runDiagnostics(DiagnosticRequest(), context: DiagnosticContext()) { entry in
            seen.withLock { $0.append(entry.role?.rawValue ?? "-") }
        }
        #expect(report.source == "local" && report.entries.count == 2)
        #expect(seen.withLock { $0 } == ["idCardReader", "billValidator"])
    }
}
