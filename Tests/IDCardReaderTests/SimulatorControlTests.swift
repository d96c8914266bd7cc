import DeviceKit
import Foundation
import IDCardReader
import KioskTestSupport
import Simulators
import Testing

@Suite("ID card simulator control socket")
struct SimulatorControlTests {
    @Test func commandsPlaceCardsAndInjectFaults() async throws {
        let directory = try Fixtures.temporaryDirectory("onetrip-idcard-ctl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try IDCardReaderSimulator(citizens: try Fixtures.citizens(), isPaced: false)
        let path = directory.appendingPathComponent("ctl.sock").path
        let server = try SimulatorControlServer(path: path) { line in await simulator.perform(line) }
        defer { server.stop() }
        #expect(try await SimulatorControlClient.send("place alpha", to: path) == "ok placed alpha (居民身份证, 测**)")
        #expect(await simulator.sam.card?.key == "alpha")
        #expect(try await SimulatorControlClient.send("place", to: path) == "ok placed alpha (居民身份证, 测**)")
        #expect(try await SimulatorControlClient.send("place", to: path) == "ok placed bravo (居民身份证, 测**)")
        #expect(try await SimulatorControlClient.send("place zulu", to: path) == "error no card 'zulu' in the simulator's queue")
        #expect(try await SimulatorControlClient.send("fault read-fail 2", to: path) == "ok faults read-fail×2")
        #expect(try await SimulatorControlClient.send("fault sam-fault always", to: path) == "ok faults read-fail×2 sam-fault×∞")
        #expect(try await SimulatorControlClient.send("fault melt", to: path).hasPrefix("error unknown fault 'melt'"))
        #expect(try await SimulatorControlClient.send("fault read-fail -1", to: path).hasPrefix("error count '-1'"))
        #expect(try await SimulatorControlClient.send("fault clear", to: path) == "ok faults cleared")
        #expect(try await SimulatorControlClient.send("remove", to: path) == "ok removed")
        #expect(await simulator.sam.card == nil)
        #expect(try await SimulatorControlClient.send("list", to: path).contains("golf:Y"))
        #expect(try await SimulatorControlClient.send("unplug", to: path) == "ok unplugged")
        #expect(try await SimulatorControlClient.send("status", to: path).contains("plugged=no"))
        #expect(try await SimulatorControlClient.send("plug", to: path).hasPrefix("ok plugged in at /dev/pts/"))
        #expect(try await SimulatorControlClient.send("dance", to: path).hasPrefix("error unknown command 'dance'"))
        await simulator.stop()
    }

    @Test func theSimulatedSAMEnforcesFindSelectRead() throws {
        var sam = SimulatedSAM()
        sam.place(try SimulatedCard(citizen: try Fixtures.citizen("alpha")))
        #expect(sam.respond(to: SAMCommand.selectCard.frame).status == .selectFailed)
        #expect(sam.respond(to: SAMCommand.readTextAndPhoto.frame).status == .readFailed)
        #expect(sam.respond(to: SAMCommand.findCard.frame) == SAMResponse(status: .cardFound, data: [0, 0, 0, 0]))
        #expect(sam.respond(to: SAMCommand.selectCard.frame).status == .success)
        let read = sam.respond(to: SAMCommand.readTextAndPhoto.frame)
        #expect(read.status == .success)
        #expect(read.frame.wireCount == 1295)
        // After a read the whole sequence is needed again.
        #expect(sam.respond(to: SAMCommand.readTextAndPhoto.frame).status == .readFailed)
        #expect(sam.respond(to: SAMFrame(body: [0x42, 0x00])).status == .invalidCommand)
        #expect(sam.respond(toMalformed: .checksumMismatch(offset: 0, computed: 1, found: 2))?.status == .hostChecksumError)
        #expect(sam.respond(toMalformed: .impossibleLength(offset: 0, length: 1, allowed: 3...10))?.status == .hostLengthError)
        #expect(sam.respond(to: SAMCommand.setBaudRate(.rate9600).frame).status == .success)
        #expect(sam.requestedBaudRate == .rate9600)
        #expect(sam.commandCounts[.findCard] == 1)
    }

    @Test func fingerprintReadsHaveTheThreeDocumentedSizes() throws {
        var sam = SimulatedSAM()
        for (key, size) in [("alpha", 2321), ("echo", 1809), ("foxtrot", 1297)] {
            sam.place(try SimulatedCard(citizen: try Fixtures.citizen(key)))
            _ = sam.respond(to: SAMCommand.findCard.frame)
            _ = sam.respond(to: SAMCommand.selectCard.frame)
            #expect(sam.respond(to: SAMCommand.readWithFingerprints.frame).frame.wireCount == size, "\(key)")
        }
    }
}
