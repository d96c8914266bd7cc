import DeviceKit
import Foundation
import KioskTestSupport
import Logging
import ReceiptPrinter
import Simulators
import Testing

/// A driver wired to a simulated printer over a real transport: a PTY (opened as a serial port
/// or as a USB printer node) or a TCP connection on a free loopback port.
struct PrinterRig: Sendable {
    enum Wire: String, CaseIterable, Sendable, CustomStringConvertible {
        /// A PTY published at a symlink, opened with termios like `/dev/ttyUSB0`.
        case serial
        /// The same PTY opened as a plain character device, like `/dev/usb/lp0`.
        case usbNode
        /// TCP on 127.0.0.1, connect per job.
        case tcp

        var description: String { self.rawValue }
    }

    let simulator: ReceiptPrinterSimulator
    let driver: ReceiptPrinterDriver
    let capabilities: ReceiptPrinterCapabilities
    let link: SimulatedSerialLink?

    /// Runs `body` with a fresh rig, and tears it down afterwards.
    static func with<T>(
        _ wire: Wire, profile: String = ReceiptFixtures.eightyMillimetre, jobTimeout: Duration = .seconds(10),
        _ body: (PrinterRig) async throws -> T
    ) async throws -> T {
        let capabilities = try ReceiptFixtures.capabilities(profile)
        let simulator = ReceiptPrinterSimulator(configuration: .init(printer: .init(capabilities: capabilities)))
        let directory = try Fixtures.temporaryDirectory("onetrip-receipt-rig")
        defer { try? FileManager.default.removeItem(at: directory) }
        var link: SimulatedSerialLink?
        var serving: Task<Void, Never>?
        var listener: TCPListener?
        let endpoint: ReceiptPrinterEndpoint
        switch wire {
        case .serial, .usbNode:
            let path = directory.appendingPathComponent("receipt-printer").path
            let serialLink = try SimulatedSerialLink(symlinkPath: path, baudRate: 115_200, isPaced: false)
            link = serialLink
            serving = simulator.serve(link: serialLink)
            endpoint = wire == .serial ? .serial(path: path, baudRate: 115_200) : .usbPrinter(path: path)
        case .tcp:
            let tcp = try simulator.listen(port: 0)
            listener = tcp
            endpoint = .tcp(host: "127.0.0.1", port: tcp.port)
        }
        defer {
            serving?.cancel()
            link?.unplug()
            listener?.stop()
        }
        let driver = ReceiptPrinterDriver(
            configuration: ReceiptPrinterConfiguration(
                deviceID: "\(wire)-printer", model: "simulated", capabilities: capabilities, endpoint: endpoint, connectTimeout: .seconds(2),
                statusTimeout: .seconds(2), jobTimeout: jobTimeout, pollInterval: .milliseconds(50)),
            logger: Self.quietLogger)
        return try await body(PrinterRig(simulator: simulator, driver: driver, capabilities: capabilities, link: link))
    }

    /// A logger that drops everything, so test output stays readable.
    static let quietLogger = Logger(label: "test.receipt-printer") { _ in SwiftLogNoOpLogHandler() }

    /// Waits until a dropped PTY has been plugged back in.
    func waitForCable() async throws {
        guard let link else { return }
        for _ in 0..<500 where !link.isPluggedIn { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(20))
    }
}
