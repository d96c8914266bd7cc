import DeviceKit
import Foundation
import IDCardReader
import KioskTestSupport
import Logging
import Simulators

/// An ID card reader simulator on a real PTY and a driver for it, wired as `onetrip diag` wires
/// its own drivers: the driver is not running until the first check starts its loop.
struct ReaderUnderTest: Sendable {
    let simulator: IDCardReaderSimulator
    let driver: IDCardReaderDriver
    let loop: DriverLoop
    let directory: URL

    /// Starts a simulator (after `prepare`) and builds a driver with fast test timings.
    static func start(
        configure: (inout CardReaderConfiguration) -> Void = { _ in },
        prepare: @Sendable (IDCardReaderSimulator) async throws -> Void = { _ in }
    ) async throws -> ReaderUnderTest {
        let directory = try Fixtures.temporaryDirectory("diag-idcard")
        let simulator = try IDCardReaderSimulator(citizens: try Fixtures.citizens(), symlinkPath: directory.appendingPathComponent("idcard").path)
        try await prepare(simulator)
        await simulator.start()
        var configuration = CardReaderConfiguration(
            devicePath: simulator.devicePath, pollInterval: .milliseconds(40), commandTimeout: .seconds(1),
            readTimeout: .seconds(3), reconnectInterval: .milliseconds(100), samRecheckInterval: .milliseconds(200))
        configure(&configuration)
        var logger = Logger(label: "test.diag.idcard")
        logger.logLevel = .critical
        let driver = IDCardReaderDriver(configuration: configuration, logger: logger)
        let loop = DriverLoop("ID card reader") { await driver.run() }
        return ReaderUnderTest(simulator: simulator, driver: driver, loop: loop, directory: directory)
    }

    /// The checks, with a short guided wait.
    func checks(guidedWait: Duration = .seconds(20)) -> [any DiagnosticCheck] {
        IDCardReaderDiagnostics(reader: self.driver, loop: self.loop, guidedWait: guidedWait).checks
    }

    func stop() async {
        await self.loop.stop()
        await self.simulator.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }
}
