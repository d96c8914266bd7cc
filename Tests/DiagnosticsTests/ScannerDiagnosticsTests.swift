import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Logging
import Simulators
import Testing

/// The payment-code scanner's checks against the scanner simulator (its one fault: unplugged).
@Suite("Payment-code scanner diagnostics", .serialized, .timeLimit(.minutes(3)))
struct ScannerDiagnosticsTests {
    struct ScannerUnderTest {
        let simulator: PaymentCodeScannerSimulator
        let driver: PaymentCodeScannerDriver
        let loop: DriverLoop
        let directory: URL

        static func start() throws -> ScannerUnderTest {
            let directory = try Fixtures.temporaryDirectory("diag-scanner")
            let simulator = try PaymentCodeScannerSimulator(symlinkPath: directory.appendingPathComponent("scanner").path)
            var logger = Logger(label: "test.diag.scanner")
            logger.logLevel = .critical
            let driver = PaymentCodeScannerDriver(devicePath: simulator.link.devicePath, reconnectInterval: .milliseconds(200), logger: logger)
            return ScannerUnderTest(simulator: simulator, driver: driver, loop: DriverLoop("scanner") { await driver.run() }, directory: directory)
        }

        func checks(guidedWait: Duration = .seconds(15)) -> [any DiagnosticCheck] {
            PaymentCodeScannerDiagnostics(scanner: self.driver, loop: self.loop, guidedWait: guidedWait).checks
        }

        func stop() async {
            await self.loop.stop()
            self.simulator.link.unplug()
            try? FileManager.default.removeItem(at: self.directory)
        }
    }

    static let wechatCode = "134567890123456781"

    @Test func aScannedCodeIsReportedMasked() async throws {
        let scanner = try ScannerUnderTest.start()
        let simulator = scanner.simulator
        let technician = ScriptedTechnician { instruction in
            guard instruction.hasPrefix("Hold a payment code") else { return }
            try? await Task.sleep(for: .milliseconds(200))
            _ = await simulator.handle(controlLine: "scan \(Self.wechatCode) crlf")
        }
        let run = await CheckRun.run(scanner.checks(), level: .interactive, technician: technician)
        await scanner.stop()
        let port = try run.result("port open")
        #expect(port.verdict == .passed && port.availability == .online, "\(port)")
        let scan = try run.result("guided scan")
        #expect(scan.verdict == .passed, "\(scan)")
        #expect(scan.detail.contains("WeChat Pay") && scan.detail.contains("**************6781"), "\(scan.detail)")
        #expect(!run.json.contains(Self.wechatCode), "a full payment code reached the report")
        #expect(run.report.exitCode == 0)
    }

    @Test func aCodeThatIsNotAPaymentCodeStillProvesTheScanner() async throws {
        let scanner = try ScannerUnderTest.start()
        let simulator = scanner.simulator
        let technician = ScriptedTechnician { instruction in
            guard instruction.hasPrefix("Hold a payment code") else { return }
            try? await Task.sleep(for: .milliseconds(200))
            _ = await simulator.handle(controlLine: "scan 6901234567892 cr")
        }
        let run = await CheckRun.run(scanner.checks(), level: .interactive, technician: technician)
        await scanner.stop()
        let scan = try run.result("guided scan")
        #expect(scan.verdict == .passed, "\(scan)")
        #expect(scan.detail.contains("not a payment code") && !scan.detail.contains("6901234567892"), "\(scan.detail)")
    }

    @Test func nothingScannedFailsTheGuidedCheck() async throws {
        let scanner = try ScannerUnderTest.start()
        let run = await CheckRun.run(scanner.checks(guidedWait: .seconds(2)), level: .interactive, technician: ScriptedTechnician())
        await scanner.stop()
        expectFailure(try run.result("guided scan"), .online, code: "no-code-read", action: .clear, instruction: "suffix to CR")
        #expect(run.report.exitCode == 1)
    }

    @Test func anUnpluggedScannerIsPowerOff() async throws {
        let scanner = try ScannerUnderTest.start()
        _ = await scanner.simulator.handle(controlLine: "unplug")
        let run = await CheckRun.run(scanner.checks(), level: .interactive, technician: ScriptedTechnician())
        await scanner.stop()
        for check in ["port open", "guided scan"] {
            expectFailure(try run.result(check), .powerOff, code: "disconnected", action: .reset, instruction: "reconnect the scanner's USB cable")
        }
        #expect(run.report.exitCode == 1)
    }
}
