import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import OneTripSQLite
import Testing

@Suite("Device statistics and the health board")
struct DeviceStatisticsTests {
    let directory: URL
    var path: String { self.directory.appendingPathComponent("onetrip.sqlite").path }
    let start = Date(timeIntervalSince1970: 1_900_000_000)

    init() throws {
        self.directory = try Fixtures.temporaryDirectory("statistics")
    }

    static func fault(_ code: String, _ role: DeviceRole = .receiptPrinter) -> DeviceFault {
        .make(code: code, role: role, summary: code, remediation: Remediation(.clear, "fix \(code)"))
    }

    @Test func theStoreAddsUpAndKeepsEverythingAcrossReopening() throws {
        defer { try? FileManager.default.removeItem(at: self.directory) }
        do {
            let store = try DeviceStatisticsStore(path: self.path)
            var delta = DeviceStatistics.Delta()
            delta.receiptsPrinted = 2
            delta.errors = 1
            delta.jams = 1
            delta.secondsOnline = 30.5
            delta.lastFault = .init(code: "paper-jam", at: self.start)
            try store.add(delta, role: .receiptPrinter, deviceID: "serial:0416:5011:1234567890", at: self.start)
            var more = DeviceStatistics.Delta()
            more.receiptsPrinted = 3
            more.secondsOnline = 10
            try store.add(more, role: .receiptPrinter, deviceID: "serial:0416:5011:1234567890", at: self.start.addingTimeInterval(60))
            try store.add(DeviceStatistics.Delta(), role: .idCardReader, deviceID: "nothing-happened")
        }
        let reopened = try DeviceStatisticsStore(path: self.path)
        let statistics = try #require(try reopened.statistics(role: .receiptPrinter, deviceID: "serial:0416:5011:1234567890"))
        #expect(statistics.receiptsPrinted == 5 && statistics.errors == 1 && statistics.jams == 1)
        #expect(statistics.secondsOnline == 40.5)
        #expect(statistics.lastFaultCode == "paper-jam" && statistics.lastFaultAt == self.start)
        #expect(try reopened.all().count == 1)  // an empty delta writes nothing
        // The schema lives in the shared file under its own migration domain.
        let database = try Database(path: self.path)
        #expect(try database.scalar("SELECT name FROM schema_migrations WHERE domain = 'devices' AND version = 1").string == "create-device-statistics")
        #expect(try database.checkIntegrity().isEmpty)
    }

    @Test func theBoardCountsFaultsJamsActivityAndTimeOnline() async throws {
        defer { try? FileManager.default.removeItem(at: self.directory) }
        let printer = "serial:0416:5011:1234567890"
        do {
            let log = LogRecorder()
            let board = DeviceHealthBoard(statistics: try DeviceStatisticsStore(path: self.path), logger: log.logger())
            let changes = await board.changes()
            #expect(await board.usability(of: .receiptPrinter) != .usable)

            await board.publish(DeviceStatus(role: .receiptPrinter, deviceID: printer, availability: .online), at: self.start)
            await board.record(.receiptPrinted, role: .receiptPrinter, at: self.start)
            await board.record(.receiptPrinted, role: .receiptPrinter, at: self.start)
            await board.flush(at: self.start.addingTimeInterval(90))
            let paperOut = DeviceStatus(role: .receiptPrinter, deviceID: printer, availability: .userError, faults: [Self.fault("paper-out")])
            await board.publish(paperOut, at: self.start.addingTimeInterval(100))
            await board.publish(paperOut, at: self.start.addingTimeInterval(110))  // the same fault again: not a new error
            let jammed = DeviceStatus(
                role: .receiptPrinter, deviceID: printer, availability: .hardwareError, faults: [Self.fault("paper-out"), Self.fault("cutter-jam")])
            await board.publish(jammed, at: self.start.addingTimeInterval(120))
            await board.flush(at: self.start.addingTimeInterval(500))  // not usable: no time booked
            #expect(await board.usability(of: .receiptPrinter) == .unusable(LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable")))
            // Counted for no one: nothing reported for the role yet.
            await board.record(.cardRead, role: .idCardReader, at: self.start)
            #expect(log.messages(atLeast: .warning).contains { $0.contains("idCardReader reported cardRead before any status") })

            var seen: [(DeviceAvailability, Bool)] = []
            for await change in changes {
                seen.append((change.status.availability, change.usabilityChanged))
                if seen.count == 3 { break }
            }
            #expect(seen.map(\.0) == [.online, .userError, .hardwareError])
            #expect(seen.map(\.1) == [true, true, false])
        }
        // A new board on the same file (a restart) sees everything.
        let board = DeviceHealthBoard(statistics: try DeviceStatisticsStore(path: self.path))
        let statistics = try #require(await board.statistics().first { $0.deviceID == printer })
        #expect(statistics.receiptsPrinted == 2)
        #expect(statistics.errors == 2 && statistics.jams == 1)
        #expect(statistics.lastFaultCode == "cutter-jam")
        #expect(statistics.secondsOnline == 100)
        #expect(await board.statistics().count == 1)
    }

    @Test func whenARoleChangesHandsEachDeviceKeepsItsOwnTime() async throws {
        defer { try? FileManager.default.removeItem(at: self.directory) }
        let board = DeviceHealthBoard(statistics: try DeviceStatisticsStore(path: self.path))
        await board.publish(DeviceStatus(role: .idCardReader, deviceID: "port:a", availability: .online), at: self.start)
        await board.record(.cardRead, role: .idCardReader, at: self.start)
        await board.publish(DeviceStatus(role: .idCardReader, deviceID: "port:b", availability: .busy), at: self.start.addingTimeInterval(40))
        await board.record(.cardRead, role: .idCardReader, at: self.start)
        await board.record(.cardRead, role: .idCardReader, at: self.start)
        await board.flush(at: self.start.addingTimeInterval(50))
        // The clock set back: nothing negative is booked.
        await board.flush(at: self.start.addingTimeInterval(10))
        let all = Dictionary(uniqueKeysWithValues: await board.statistics().map { ($0.deviceID, $0) })
        #expect(all["port:a"]?.secondsOnline == 40 && all["port:a"]?.cardsRead == 1)
        #expect(all["port:b"]?.secondsOnline == 10 && all["port:b"]?.cardsRead == 2)
        // No device, no statistics.
        await board.publish(.noDevice(.idCardReader), at: self.start.addingTimeInterval(60))
        #expect(await board.statistics().count == 2)
        #expect(await board.status(of: .idCardReader).availability == .noDevice)
        #expect(await board.usabilities.count == DeviceRole.allCases.count)
    }
}
