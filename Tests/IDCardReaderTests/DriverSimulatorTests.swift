import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import KioskTestSupport
import Logging
import Simulators
import Testing

/// The driver against the simulator over a real PTY at 115200 baud: the normal read and every fault.
@Suite("Reader driver against the simulator", .serialized)
struct DriverSimulatorTests {
    static func identity(of event: CardReaderEvent?) -> Identity? {
        if case .cardRead(let result) = event { return result.identity }
        return nil
    }

    @Test func everyCardTypeIsReadOnceAndReportedRemoved() async throws {
        let rig = try await ReaderRig.start()
        defer { Task { await rig.stop() } }
        let online = await rig.status(.online)
        #expect(online?.details["sam-id"] == "05.01-20240101-000000001-000000042")
        for citizen in try Fixtures.citizens() {
            let start = await rig.events.count
            try await rig.simulator.place(citizen.key)
            let outcome = await rig.outcome(after: start)
            #expect(Self.identity(of: outcome) == citizen.identity, "\(citizen.key)")
            try await Task.sleep(for: .milliseconds(150))  // several polls with the card still there
            await rig.simulator.remove()
            #expect(await rig.removal(after: start), "\(citizen.key)")
            let events = await rig.events.items
            #expect(events[start...].map { Self.kind($0) } == ["presented", "read", "removed"], "\(citizen.key)")
        }
        let reads = await rig.simulator.sam.commandCounts[.readTextAndPhoto]
        #expect(reads == 9)
        await rig.stop()
    }

    @Test func withNoCardTheReaderJustPolls() async throws {
        let rig = try await ReaderRig.start()
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        try await Task.sleep(for: .milliseconds(400))
        #expect(await rig.events.count == 0)
        #expect(await rig.simulator.sam.commandCounts[.findCard, default: 0] >= 3)
        #expect(await rig.simulator.sam.commandCounts[.readTextAndPhoto] == nil)
        await rig.stop()
    }

    @Test("card-level faults are retried from find", arguments: [IDCardReaderFault.selectFail, .readFail, .noCard, .authenticationFail])
    func aSingleCardFaultIsRetried(_ fault: IDCardReaderFault) async throws {
        let rig = try await ReaderRig.start(prepare: { simulator in await simulator.inject(fault, count: 1) })
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        try await rig.simulator.place("bravo")
        #expect(Self.identity(of: await rig.outcome()) == (try Fixtures.citizen("bravo")).identity)
        await rig.stop()
    }

    @Test("line faults are survived", arguments: [IDCardReaderFault.corruptChecksum, .garbage, .fragmented, .slow])
    func lineFaultsAreSurvived(_ fault: IDCardReaderFault) async throws {
        let rig = try await ReaderRig.start()
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        // Three covers find, select and read; two corrupted replies in a row stay below the
        // reconnect threshold, so they show the retry path.
        let count = fault == .corruptChecksum ? 2 : 3
        await rig.simulator.inject(fault, count: count)
        try await rig.simulator.place("golf")
        #expect(Self.identity(of: await rig.outcome()) == (try Fixtures.citizen("golf")).identity, "\(fault)")
        let faults = await rig.simulator.sam.faults
        #expect(!faults.isActive(fault), "the simulator should have shown \(fault) \(count) times")
        await rig.stop()
    }

    @Test func aCardThatCannotBeReadIsRefusedOnceAndNotRetriedWhileItLies() async throws {
        let rig = try await ReaderRig.start(prepare: { simulator in await simulator.inject(.readFail, count: nil) })
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        try await rig.simulator.place("alpha")
        let outcome = await rig.outcome()
        #expect(outcome == .readFailed(.unreadable(SAMStatus.readFailed.description)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(await rig.simulator.sam.commandCounts[.readTextAndPhoto] == 3)
        let events = await rig.events.items
        #expect(events.map { Self.kind($0) } == ["presented", "failed"])
        await rig.simulator.clearFaults()
        await rig.simulator.remove()
        #expect(await rig.removal())
        let next = await rig.events.count
        try await rig.simulator.place("alpha")
        #expect(Self.identity(of: await rig.outcome(after: next)) != nil)
        await rig.stop()
    }

    @Test func aForgedOrForeignCardIsRefused() async throws {
        let rig = try await ReaderRig.start(prepare: { simulator in await simulator.inject(.wrongCard, count: 1) })
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        try await rig.simulator.place("alpha")
        guard case .readFailed(.unsupportedCard) = await rig.outcome() else {
            Issue.record("a card the SAM does not recognise must be refused as unsupported")
            return
        }
        #expect(await rig.simulator.sam.commandCounts[.readTextAndPhoto] == 1)
        await rig.simulator.inject(.authenticationFail, count: nil)
        await rig.simulator.remove()
        #expect(await rig.removal())
        let next = await rig.events.count
        try await rig.simulator.place("bravo")
        guard case .readFailed(.authenticationFailed) = await rig.outcome(after: next) else {
            Issue.record("a card the SAM rejects must be refused as failing authentication")
            return
        }
        await rig.stop()
    }

    @Test func aSAMFaultIsAHardwareErrorUntilItClears() async throws {
        let rig = try await ReaderRig.start(prepare: { simulator in await simulator.inject(.samFault, count: nil) })
        defer { Task { await rig.stop() } }
        let faulted = await rig.status(.hardwareError)
        #expect(faulted?.faults.first?.code == "sam-self-test-failed")
        #expect(faulted?.usability.isUsable == false)
        #expect(await rig.simulator.sam.commandCounts[.resetSAM] == 1)
        await rig.simulator.clearFaults()
        #expect(await rig.status(.online) != nil)
        try await rig.simulator.place("charlie")
        #expect(Self.identity(of: await rig.outcome())?.validity.end == .longTerm)
        await rig.stop()
    }

    @Test func aMuteReaderIsReportedAndTheDriverReconnects() async throws {
        let rig = try await ReaderRig.start { $0.commandTimeout = .milliseconds(200) }
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        await rig.simulator.inject(.mute, count: nil)
        let faulted = await rig.status(.hardwareError)
        #expect(faulted?.faults.first?.code == "reader-not-answering")
        let index = await rig.statuses.count
        await rig.simulator.clearFaults()
        #expect(await rig.status(.online, after: index) != nil)
        await rig.stop()
    }

    @Test func unpluggingIsNoDeviceAndReplugingComesBackOnline() async throws {
        let rig = try await ReaderRig.start()
        defer { Task { await rig.stop() } }
        #expect(await rig.status(.online) != nil)
        try await rig.simulator.place("delta")
        #expect(Self.identity(of: await rig.outcome()) != nil)
        await rig.simulator.unplug()
        let gone = await rig.status(.noDevice)
        #expect(gone?.faults.first?.code == "device-gone" || gone?.faults.first?.code == "port-missing")
        #expect(await rig.removal(), "the card on an unplugged reader is forgotten")
        try await Task.sleep(for: .milliseconds(300))  // a few failed reopen attempts
        let index = await rig.statuses.count
        let eventIndex = await rig.events.count
        try await rig.simulator.plugIn()
        #expect(await rig.status(.online, after: index) != nil)
        // The card still lies on the reader: after the reconnect it is a new presentation.
        #expect(Self.identity(of: await rig.outcome(after: eventIndex)) == (try Fixtures.citizen("delta")).identity)
        await rig.stop()
    }

    @Test func aReaderThatHaltsReadCardsReadsEachPlacementOnce() async throws {
        let rig = try await ReaderRig.start(prepare: { simulator in await simulator.setHaltsCardAfterRead(true) })
        defer { Task { await rig.stop() } }
        try await rig.simulator.place("india")
        #expect(Self.identity(of: await rig.outcome()) != nil)
        #expect(await rig.removal())
        try await Task.sleep(for: .milliseconds(300))
        #expect(await rig.simulator.sam.commandCounts[.readTextAndPhoto] == 1)
        let next = await rig.events.count
        try await rig.simulator.place("india")  // lifted and placed again
        #expect(Self.identity(of: await rig.outcome(after: next)) != nil)
        await rig.stop()
    }

    @Test func fingerprintsAndAppendedAddressesTravelWithTheRead() async throws {
        let rig = try await ReaderRig.start(configure: {
            $0.readsFingerprints = true
            $0.readsAppendedAddress = true
        })
        defer { Task { await rig.stop() } }
        var card = try SimulatedCard(citizen: try Fixtures.citizen("alpha"))
        card.appendedAddress = "浙江省宁波市海曙区示例路2号"
        await rig.simulator.place(card: card)
        guard case .cardRead(let result) = await rig.outcome() else {
            Issue.record("no read")
            return
        }
        #expect(result.fingerprints?.rawBytes.count == 1024)
        #expect(result.appendedAddress == "浙江省宁波市海曙区示例路2号")
        #expect(result.photo.rawWLTBytes == card.photo)
        #expect(await rig.simulator.sam.commandCounts[.readWithFingerprints] == 1)
        await rig.stop()
    }

    @Test func aMissingPortIsNoDevice() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-idcard")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "onetrip.idcard.test")
        logger.logLevel = .error
        let driver = IDCardReaderDriver(configuration: ReaderRig.configuration(path: directory.appendingPathComponent("none").path), logger: logger)
        let task = Task { await driver.run() }
        var iterator = driver.statusUpdates.makeAsyncIterator()
        let status = await iterator.next()
        #expect(status?.availability == .noDevice)
        #expect(status?.faults.first?.code == "port-missing")
        #expect(status?.faults.first?.summary.contains("No such file or directory") == true)
        task.cancel()
        await task.value
    }

    static func kind(_ event: CardReaderEvent) -> String {
        switch event {
        case .cardPresented: "presented"
        case .cardRead: "read"
        case .readFailed: "failed"
        case .cardRemoved: "removed"
        }
    }
}
