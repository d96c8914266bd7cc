import DeviceKit
import Foundation
import KioskTestSupport
import Simulators
import Testing

/// Evidence that the simulator reads ESC/POS the way printers do, not only the way OneTrip's
/// encoder writes it: a receipt encoded by python-escpos (an independent, widely used ESC/POS
/// library) decodes into the expected text, Chinese, QR payloads and images included.
///
/// **Needs PyPI.** The test creates a throwaway virtual environment in a temporary directory
/// (`python3 -m venv`, Debian package `python3-venv`) and runs `pip install python-escpos==3.1`.
/// Without network access to PyPI (or a configured pip mirror) it fails and says so.
@Suite("python-escpos interoperability")
struct PythonEscposTests {
    static let version = "3.1"
    static let script = Fixtures.repositoryRoot.appendingPathComponent("Tests/ReceiptPrinterTests/Python/print_receipt.py")

    /// What the simulated 58 mm printer must print for the script's output.
    static let expected = """
                缴费凭条
                PAYMENT RECEIPT
        交易号 HS-0001-000042T
        罚款 ￥200.00
                           合计 ￥350.00
        Underlined
        Font B line
        Spaced line
        [QR] https://onetrip.example/t/HS-0001-000042T
        [CODE128] HS0001

        [IMAGE 72x69]



        [IMAGE 69x69]



        [IMAGE 69x72]
        """

    @Test(.timeLimit(.minutes(10)))
    func aReceiptPrintedByPythonEscposDecodesToTheExpectedText() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-python-escpos")
        defer { try? FileManager.default.removeItem(at: directory) }
        let venv = directory.appendingPathComponent("venv").path

        let created = try await ProcessRunner.run("/usr/bin/env", ["python3", "-m", "venv", venv], in: directory, timeout: .seconds(120))
        try #require(created.status == 0, "python3 -m venv failed (is python3-venv installed? scripts/install-system-packages installs it): \(created.output)")

        let pip = try await ProcessRunner.run(
            venv + "/bin/pip", ["install", "--disable-pip-version-check", "--no-input", "--quiet", "--retries", "2", "--timeout", "20", "python-escpos==\(Self.version)"], in: directory,
            timeout: .seconds(480))
        try #require(
            pip.status == 0,
            """
            this test needs PyPI: `pip install python-escpos==\(Self.version)` into a throwaway virtual environment failed \
            (no network, or set PIP_INDEX_URL to a mirror). pip said: \(pip.output.suffix(1500))
            """)

        let output = directory.appendingPathComponent("receipt.bin").path
        let printed = try await ProcessRunner.run(venv + "/bin/python", [Self.script.path, output], in: directory, timeout: .seconds(120))
        try #require(printed.status == 0, "print_receipt.py failed: \(printed.output)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))

        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        let result = ReceiptFixtures.printOnSimulatedPrinter(bytes, capabilities: capabilities)
        #expect(result.errors.isEmpty, "the simulator could not decode python-escpos output: \(result.errors)")
        #expect(result.printer.receipts.count == 1)
        let receipt = try #require(result.printer.receipts.first)
        #expect(receipt.transcript == Self.expected)
        #expect(receipt.cut == .full)

        // The images are QR codes python-escpos drew itself (raster, graphics, column formats):
        // the simulator decoded them dot for dot if a scanner reads them off its PNG.
        let symbols = Set(try await Zbar.scan(receipt))
        for symbol in ["QR-Code:https://onetrip.example/t/HS-0001-000042T", "QR-Code:HS-0001-000042T", "QR-Code:raster", "QR-Code:column", "CODE-128:HS0001"] {
            #expect(symbols.contains(symbol), "\(symbol) in \(symbols)")
        }
    }
}
