import DeviceKit
import Foundation
import IDCardReader
import KioskTestSupport
import Logging
import Simulators

/// Collects what a stream yields, for tests that wait for something to happen.
actor Recorder<Item: Sendable> {
    private(set) var items: [Item] = []

    func append(_ item: Item) { self.items.append(item) }

    /// Waits until an item at or after `index` matches; returns it, or `nil` after `timeout`.
    func first(after index: Int = 0, timeout: Duration = .seconds(15), where predicate: @Sendable (Item) -> Bool) async -> Item? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if index < self.items.count, let found = self.items[index...].first(where: predicate) { return found }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Waits until at least `count` items arrived; returns them (or what there is after `timeout`).
    func items(count: Int, timeout: Duration = .seconds(15)) async -> [Item] {
        let deadline = ContinuousClock.now + timeout
        while self.items.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return self.items
    }

    var count: Int { self.items.count }
}

/// A reader driver talking to a reader simulator over a real pseudo-terminal, paced at 115200 baud.
struct ReaderRig: Sendable {
    let simulator: IDCardReaderSimulator
    let driver: IDCardReaderDriver
    let events: Recorder<CardReaderEvent>
    let statuses: Recorder<DeviceStatus>
    let directory: URL
    private let tasks: [Task<Void, Never>]

    /// Test settings: a fast poll and quick reconnects, with timeouts generous enough for a loaded machine.
    static func configuration(path: String) -> CardReaderConfiguration {
        CardReaderConfiguration(
            devicePath: path, pollInterval: .milliseconds(40), commandTimeout: .seconds(1), readTimeout: .seconds(3),
            reconnectInterval: .milliseconds(100), samRecheckInterval: .milliseconds(200))
    }

    /// Starts a simulator at a stable symlink (so unplug and plug work) and a driver on it.
    static func start(
        configure: (inout CardReaderConfiguration) -> Void = { _ in },
        prepare: @Sendable (IDCardReaderSimulator) async -> Void = { _ in }
    ) async throws -> ReaderRig {
        let directory = try Fixtures.temporaryDirectory("onetrip-idcard")
        let simulator = try IDCardReaderSimulator(citizens: try Fixtures.citizens(), symlinkPath: directory.appendingPathComponent("idcard").path)
        await prepare(simulator)
        await simulator.start()
        var configuration = Self.configuration(path: simulator.devicePath)
        configure(&configuration)
        var logger = Logger(label: "onetrip.idcard.test")
        logger.logLevel = .error
        let driver = IDCardReaderDriver(configuration: configuration, logger: logger)
        let events = Recorder<CardReaderEvent>()
        let statuses = Recorder<DeviceStatus>()
        let tasks = [
            Task { await driver.run() },
            Task { for await event in driver.events { await events.append(event) } },
            Task { for await status in driver.statusUpdates { await statuses.append(status) } },
        ]
        return ReaderRig(simulator: simulator, driver: driver, events: events, statuses: statuses, directory: directory, tasks: tasks)
    }

    private init(
        simulator: IDCardReaderSimulator, driver: IDCardReaderDriver, events: Recorder<CardReaderEvent>, statuses: Recorder<DeviceStatus>,
        directory: URL, tasks: [Task<Void, Never>]
    ) {
        self.simulator = simulator
        self.driver = driver
        self.events = events
        self.statuses = statuses
        self.directory = directory
        self.tasks = tasks
    }

    /// Waits for a status with this availability (published after `index`).
    func status(_ availability: DeviceAvailability, after index: Int = 0, timeout: Duration = .seconds(15)) async -> DeviceStatus? {
        await self.statuses.first(after: index, timeout: timeout) { $0.availability == availability }
    }

    /// Waits for the next read result or refusal after `index`.
    func outcome(after index: Int = 0, timeout: Duration = .seconds(15)) async -> CardReaderEvent? {
        await self.events.first(after: index, timeout: timeout) {
            switch $0 {
            case .cardRead, .readFailed: true
            case .cardPresented, .cardRemoved: false
            }
        }
    }

    /// Waits for a removal after `index`.
    func removal(after index: Int = 0, timeout: Duration = .seconds(15)) async -> Bool {
        await self.events.first(after: index, timeout: timeout) { $0 == .cardRemoved } != nil
    }

    /// Stops the driver and the simulator and removes the temporary directory.
    func stop() async {
        self.tasks[0].cancel()
        await self.tasks[0].value
        await self.tasks[1].value
        await self.tasks[2].value
        await self.simulator.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }
}
