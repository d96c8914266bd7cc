import DeviceKit
import Foundation
import KioskCore
import ReceiptPrinter
import Simulators
import Testing

/// The receipt printer's checks against the ESC/POS simulator, with every fault it offers.
@Suite("Receipt printer diagnostics", .serialized, .timeLimit(.minutes(5)))
struct ReceiptPrinterDiagnosticsTests {
    @Test func aHealthyPrinterPrintsOneTestReceiptAndPassesEveryLevel() async throws {
        let printer = try PrinterUnderTest.start()
        defer { printer.stop() }
        let technician = ScriptedTechnician(answers: [true])
        let run = await CheckRun.run(printer.checks(), level: .interactive, technician: technician)
        #expect(try run.result("DLE EOT status").verdict == .passed)
        let test = try run.result("test receipt")
        #expect(test.verdict == .passed, "\(test)")
        #expect(test.details["confirmed"] == "yes")
        #expect(try run.result("test receipt legible").verdict == .passed)
        #expect(technician.questions.first?.contains("中文测试") == true)
        #expect(run.report.exitCode == 0)

        // One receipt: the interactive check asked about the external check's receipt.
        let receipts = await printer.simulator.receipts
        #expect(receipts.count == 1)
        let transcript = try #require(receipts.first).transcript
        for expected in ["打印机测试", "PRINTER TEST", "HS-0001", "中文测试", "￥12.50", "[QR] ONETRIP-TEST HS-0001 ", "NOT A RECEIPT"] {
            #expect(transcript.contains(expected), "\(expected) missing from\n\(transcript)")
        }
        #expect(await printer.simulator.decodeErrors.isEmpty)
    }

    @Test func theTechniciansAnswerDecidesTheLegibilityCheck() async throws {
        let printer = try PrinterUnderTest.start()
        defer { printer.stop() }
        let checks = printer.checks()
        let illegible = await CheckRun.run(checks, level: .interactive, technician: ScriptedTechnician(answers: [false]))
        expectFailure(
            try illegible.result("test receipt legible"), .hardwareError, code: "receipt-illegible", action: .maintenance,
            instruction: "clean the print head")
        #expect(illegible.report.exitCode == 1)
        // Nobody answers: not a failure of the printer.
        let unanswered = await CheckRun.run(checks, level: .interactive, technician: ScriptedTechnician(answers: []))
        #expect(try unanswered.result("test receipt legible").verdict == .skipped)
        // Without a technician (a pipe, --json), the guided check does not run at all.
        #expect(try await CheckRun.run(checks, level: .interactive).result("test receipt legible").verdict == .skipped)
    }

    @Test func paperNearEndPassesWithANote() async throws {
        let printer = try PrinterUnderTest.start()
        defer { printer.stop() }
        await printer.control("paper near-end")
        let run = await CheckRun.run(printer.checks(), level: .external)
        let status = try run.result("DLE EOT status")
        #expect(status.verdict == .passed && status.availability == .online, "\(status)")
        #expect(status.details["paper"] == "near-end")
        #expect(status.detail.contains("paper near end"))
        #expect(try run.result("test receipt").verdict == .passed)
        #expect(run.report.exitCode == 0)
    }

    /// Faults the printer reports before anything prints: the status check and the test
    /// receipt both fail with the driver's fault, and nothing is printed.
    @Test(arguments: [
        ("paper out", DeviceAvailability.userError, "paper-out", Remediation.Action.clear, "load a new 80 mm thermal paper roll"),
        ("cover open", .userError, "cover-open", .clear, "close the printer cover"),
        ("fault unrecoverable", .hardwareError, "unrecoverable-error", .reset, "switch the printer off and on"),
        ("silent on", .hardwareError, "no-status", .configuration, "power-cycle it if it hangs"),
    ])
    func faultsBeforeTheJobFailBothChecks(
        command: String, availability: DeviceAvailability, code: String, action: Remediation.Action, instruction: String
    ) async throws {
        let printer = try PrinterUnderTest.start()
        defer { printer.stop() }
        await printer.control(command)
        let run = await CheckRun.run(printer.checks(), level: .external)
        expectFailure(try run.result("DLE EOT status"), availability, code: code, action: action, instruction: instruction)
        expectFailure(try run.result("test receipt"), availability, code: code, action: action, instruction: instruction)
        #expect(run.report.exitCode == 1)
        #expect(await printer.simulator.receipts.isEmpty)
    }

    /// Faults that strike during the job: the status check passes, the test receipt fails.
    @Test(arguments: [
        ("cutter jam", DeviceAvailability.hardwareError, "cutter-error", Remediation.Action.clear, "remove the jammed paper at the cutter"),
        ("paper out-after 3", .userError, "paper-out", .clear, "load a new 80 mm thermal paper roll"),
        ("drop-next-job 200", .powerOff, "unreachable", .clear, "check that the printer is switched on"),
    ])
    func faultsDuringTheJobFailTheTestReceipt(
        command: String, availability: DeviceAvailability, code: String, action: Remediation.Action, instruction: String
    ) async throws {
        let printer = try PrinterUnderTest.start()
        defer { printer.stop() }
        await printer.control(command)
        let run = await CheckRun.run(printer.checks(), level: .external)
        #expect(try run.result("DLE EOT status").verdict == .passed)
        expectFailure(try run.result("test receipt"), availability, code: code, action: action, instruction: instruction)
        #expect(run.report.exitCode == 1)
    }

    @Test func aSwitchedOffPrinterIsUnreachable() async throws {
        let printer = try PrinterUnderTest.start()
        printer.stop()  // nothing listens on the port any more
        let run = await CheckRun.run(printer.checks(), level: .external)
        for check in ["DLE EOT status", "test receipt"] {
            expectFailure(try run.result(check), .powerOff, code: "unreachable", action: .clear, instruction: "cable is plugged in")
        }
        #expect(run.report.exitCode == 1)
    }
}
