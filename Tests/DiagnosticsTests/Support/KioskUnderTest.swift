import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Simulators

/// A whole simulated kiosk for `onetrip diag` end to end: every device simulator (ID card reader,
/// receipt printer on TCP, bill validator, scanner on PTYs) in this process, a private cupsd
/// with ippeveprinter, and an onetrip.toml naming them all.
struct KioskUnderTest: Sendable {
    let directory: URL
    let reader: IDCardReaderSimulator
    let printer: ReceiptPrinterSimulator
    let printerListener: TCPListener
    let cups: PrivateCUPS
    let validator: BillValidatorSimulator
    let scanner: PaymentCodeScannerSimulator

    var configurationPath: String { self.directory.appendingPathComponent("onetrip.toml").path }
    var databasePath: String { self.directory.appendingPathComponent("data/onetrip.sqlite").path }

    static func start() async throws -> KioskUnderTest {
        let directory = try Fixtures.temporaryDirectory("diag-kiosk")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let cups = try await offloaded { try PrivateCUPS.start() }
        let reader = try IDCardReaderSimulator(citizens: try Fixtures.citizens(), symlinkPath: directory.appendingPathComponent("idcard").path)
        await reader.start()
        let capabilities = try Profiles.receiptPrinter("escpos-80mm-network")
        let printer = ReceiptPrinterSimulator(configuration: .init(printer: .init(capabilities: capabilities)))
        let listener = try printer.listen(port: 0)
        let validator = try BillValidatorSimulator(symlinkPath: directory.appendingPathComponent("validator").path)
        await validator.start()
        let scanner = try PaymentCodeScannerSimulator(symlinkPath: directory.appendingPathComponent("scanner").path)
        let kiosk = KioskUnderTest(
            directory: directory, reader: reader, printer: printer, printerListener: listener, cups: cups, validator: validator, scanner: scanner)
        try kiosk.configuration.write(toFile: kiosk.configurationPath, atomically: true, encoding: .utf8)
        return kiosk
    }

    /// onetrip.toml for this kiosk.
    var configuration: String {
        """
        [kiosk]
        id = "HS-0001"
        office = "示例市公安局示例派出所"
        data_directory = "\(self.directory.appendingPathComponent("data").path)"
        profiles_directory = "\(Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles").path)"

        [devices.id_card_reader]
        profile = "idcard-sam-serial-generic"
        path = "\(self.reader.devicePath)"

        [devices.receipt_printer]
        profile = "escpos-80mm-network"
        host = "127.0.0.1"
        port = \(self.printerListener.port)

        [devices.certificate_printer]
        profile = "a4-laser-cups"
        cups_server = "\(self.cups.socketPath)"
        queue = "\(self.cups.queue)"

        [devices.bill_validator]
        profile = "itl-nv9-nv200-cny"
        path = "\(self.validator.link.devicePath)"

        [devices.payment_code_scanner]
        profile = "serial-payment-code-scanner"
        path = "\(self.scanner.link.devicePath)"

        """
    }

    /// Runs the built `onetrip` with `arguments` (waiting on a thread of its own).
    func onetrip(_ arguments: [String]) async throws -> CommandLineTool.Result {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("onetrip").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw RigError.missingTool("\(binary): build everything first") }
        return try await CommandLineTool.run(binary, arguments, check: false)
    }

    /// `onetrip diag --config … --json` and its report.
    func diag(_ arguments: [String]) async throws -> (status: Int32, report: DiagnosticReport, errors: String) {
        let result = try await self.onetrip(["diag", "--config", self.configurationPath, "--json"] + arguments)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return (result.status, try decoder.decode(DiagnosticReport.self, from: result.output), result.errors)
        } catch {
            throw RigError.notReady("no report (exit \(result.status)): \(result.text)\n\(result.errors)")
        }
    }

    func stop() async {
        await self.reader.stop()
        self.printerListener.stop()
        await self.validator.stop()
        self.scanner.link.unplug()
        let cups = self.cups
        _ = try? await offloaded { cups.stop() }
        try? FileManager.default.removeItem(at: self.directory)
    }
}

extension DiagnosticReport {
    /// The entry of a role's check.
    func entry(_ role: DeviceRole?, _ check: String) -> Entry? {
        self.entries.first { $0.role == role && $0.check == check }
    }
}
