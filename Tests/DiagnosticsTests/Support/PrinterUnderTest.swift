import DeviceKit
import Foundation
import Logging
import ReceiptPrinter
import Simulators

/// A receipt-printer simulator on a loopback TCP port (a network printer's raw port 9100) and a
/// driver for it, connecting per job as the kiosk does.
struct PrinterUnderTest: Sendable {
    let simulator: ReceiptPrinterSimulator
    let listener: TCPListener
    let driver: ReceiptPrinterDriver

    static func start() throws -> PrinterUnderTest {
        let capabilities = try Profiles.receiptPrinter("escpos-80mm-network")
        let simulator = ReceiptPrinterSimulator(configuration: .init(printer: .init(capabilities: capabilities)))
        let listener = try simulator.listen(port: 0)
        let driver = ReceiptPrinterDriver(
            configuration: ReceiptPrinterConfiguration(
                deviceID: "127.0.0.1", model: "simulated", capabilities: capabilities, endpoint: .tcp(host: "127.0.0.1", port: listener.port),
                connectTimeout: .seconds(3), statusTimeout: .seconds(1), jobTimeout: .seconds(15), pollInterval: .milliseconds(50)),
            logger: Logger(label: "test.diag.receipt") { _ in SwiftLogNoOpLogHandler() })
        return PrinterUnderTest(simulator: simulator, listener: listener, driver: driver)
    }

    /// Sends a control-socket command, as `onetrip sim receipt-printer` takes it.
    @discardableResult
    func control(_ line: String) async -> String { await self.simulator.handleControl(line) }

    func checks() -> [any DiagnosticCheck] {
        ReceiptPrinterDiagnostics(printer: self.driver, kioskID: "HS-0001").checks
    }

    func stop() { self.listener.stop() }
}
