import DeviceKit
import Foundation
import Simulators
import Testing

@Suite("Simulated serial link")
struct SimulatedSerialLinkTests {
    @Test func aDriverFindsTheDeviceAgainAfterReplugging() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onetrip-link-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("idcard").path
        let link = try SimulatedSerialLink(symlinkPath: path, baudRate: 115_200, isPaced: false)
        let firstSlave = try #require(link.slavePath)

        let port = try SerialPort.open(path: path, baudRate: 115_200)
        try await link.send([1, 2, 3])
        #expect(try await port.read(exactly: 3, timeout: .seconds(1)) == [1, 2, 3])

        link.unplug()
        await #expect(throws: TransportError.self) { _ = try await port.read(maximumCount: 1, timeout: .seconds(1)) }
        port.close()
        #expect(!FileManager.default.fileExists(atPath: path))

        try link.plugIn()
        #expect(link.slavePath != nil)
        let again = try SerialPort.open(path: path, baudRate: 115_200)
        defer { again.close() }
        try await again.write([9], timeout: .seconds(1))
        #expect(try await link.receive(timeout: .seconds(1)) == [9])
        _ = firstSlave
    }

    @Test func pacedWritesTakeTheirWireTime() async throws {
        let link = try SimulatedSerialLink(baudRate: 9600, isPaced: true)
        let port = try SerialPort.open(path: try #require(link.slavePath), baudRate: 9600)
        defer { port.close() }
        let clock = ContinuousClock()
        let start = clock.now
        try await link.send([UInt8](repeating: 0x55, count: 96))  // 100 ms at 9600 baud
        let elapsed = clock.now - start
        #expect(try await port.read(exactly: 96, timeout: .seconds(2)).count == 96)
        #expect(elapsed >= .milliseconds(95))
    }
}

@Suite("Simulator control socket")
struct SimulatorControlServerTests {
    @Test func commandsGetOneReplyLineEach() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("onetrip-ctl-\(UUID().uuidString.prefix(8)).sock").path
        let server = try SimulatorControlServer(path: path) { line in
            line == "ping" ? "ok pong" : "error unknown command '\(line)'"
        }
        defer { server.stop() }
        #expect(try await SimulatorControlClient.send("ping", to: path) == "ok pong")
        #expect(try await SimulatorControlClient.send("paper out", to: path) == "error unknown command 'paper out'")
        server.stop()
        await #expect(throws: TransportError.self) { _ = try await SimulatorControlClient.send("ping", to: path) }
    }
}
