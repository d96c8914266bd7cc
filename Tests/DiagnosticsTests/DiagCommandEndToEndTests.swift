import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// The built `onetrip diag` against a whole simulated kiosk, configured in onetrip.toml: the
/// devices are opened by the tool itself, as on a kiosk with no daemon running.
@Suite("onetrip diag end to end", .serialized, .timeLimit(.minutes(10)))
struct DiagCommandEndToEndTests {
    @Test func aHealthyKioskPassesEveryExternalCheckAndExitsZero() async throws {
        let kiosk = try await KioskUnderTest.start()
        try await kiosk.reader.place("alpha")
        let (status, report, errors) = try await kiosk.diag(["--level", "external"])
        let receipts = await kiosk.printer.receipts
        let pages = kiosk.cups.receivedDocuments()
        let cashbox = await kiosk.validator.state.cashbox
        let lines = try CashLedger(path: kiosk.databasePath).entries()
        await kiosk.stop()

        #expect(status == 0, "\(report.summary)\n\(errors)")
        #expect(report.failures.isEmpty, "\(report.failures)")
        let expected: [(DeviceRole, String)] = [
            (.idCardReader, "SAM status and ID"), (.idCardReader, "card read"), (.receiptPrinter, "DLE EOT status"),
            (.receiptPrinter, "test receipt"), (.certificatePrinter, "queue and printer state"), (.certificatePrinter, "test page"),
            (.billValidator, "sync and poll"), (.billValidator, "bill path"), (.paymentCodeScanner, "port open"),
        ]
        for (role, check) in expected {
            #expect(report.entry(role, check)?.result.verdict == .passed, "\(role) \(check): \(String(describing: report.entry(role, check)))")
        }
        let alpha = try Fixtures.citizen("alpha").identity
        #expect(report.entry(.idCardReader, "card read")?.result.detail.contains(alpha.documentNumber.masked) == true)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains(alpha.documentNumber.unmaskedValue))
        #expect(receipts.count == 1 && pages.count == 1)
        #expect(cashbox.isEmpty)
        #expect(lines.contains { $0.transactionID?.session.kioskID == "DIAG" && $0.kind == .closed })
        #expect(!lines.contains { $0.kind == .credited })
    }

    @Test func aFaultOnEveryDeviceFailsWithItsRemediationAndExitsOne() async throws {
        let kiosk = try await KioskUnderTest.start()
        await kiosk.reader.inject(.samFault, count: nil)
        _ = await kiosk.printer.handleControl("paper out")
        _ = try await offloaded { [cups = kiosk.cups] in try cups.admin("cupsdisable", ["-r", "technician on site", cups.queue]) }
        _ = await kiosk.validator.handle(controlLine: "cashbox remove")
        _ = await kiosk.scanner.handle(controlLine: "unplug")
        let (status, report, errors) = try await kiosk.diag([])
        let table = try await kiosk.onetrip(["diag", "--config", kiosk.configurationPath, "--role", "receiptPrinter"])
        await kiosk.stop()

        #expect(status == 1, "\(errors)")
        #expect(report.exitCode == 1)
        let cases: [(DeviceRole, String, DeviceAvailability, String, Remediation.Action, String)] = [
            (.idCardReader, "SAM status and ID", .hardwareError, "sam-self-test-failed", .maintenance, "replace the SAM module"),
            (.receiptPrinter, "DLE EOT status", .userError, "paper-out", .clear, "load a new 80 mm thermal paper roll"),
            (.certificatePrinter, "queue and printer state", .offline, "queue-stopped", .configuration, "cupsenable"),
            (.billValidator, "sync and poll", .userError, "cashbox-removed", .clear, "put the cash box back"),
            (.paymentCodeScanner, "port open", .powerOff, "disconnected", .reset, "reconnect the scanner's USB cable"),
        ]
        for (role, check, availability, code, action, instruction) in cases {
            let result = try #require(report.entry(role, check), "\(role) \(check)").result
            expectFailure(result, availability, code: code, action: action, instruction: instruction)
        }
        // The table a technician reads: the fault and what to do, under the check.
        #expect(table.status == 1)
        #expect(table.text.contains("✗ paper-out: the receipt printer is out of paper → clear: load a new 80 mm thermal paper roll"), "\(table.text)")
    }
}
