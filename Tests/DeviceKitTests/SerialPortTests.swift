import DeviceKit
import Foundation
import Testing

@Suite("Serial port over a real pseudo-terminal")
struct SerialPortTests {
    @Test func bytesFlowBothWaysInRawMode() async throws {
        let pty = try PseudoTerminal()
        defer { pty.unplug() }
        let port = try SerialPort.open(path: pty.devicePath, baudRate: 115_200)
        defer { port.close() }
        #expect(port.currentBaudRate == 115_200)
        // Raw mode: CR, LF, 0x03 (Ctrl-C) and 0x11 (XON) pass through untouched.
        let frame: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22, 0x0D, 0x0A, 0x03, 0x11]
        try await port.write(frame, timeout: .seconds(1))
        #expect(try await pty.master.read(exactly: frame.count, timeout: .seconds(2)) == frame)
        try await pty.master.write([0x90, 0x00, 0xFF], timeout: .seconds(1))
        #expect(try await port.read(exactly: 3, timeout: .seconds(2)) == [0x90, 0x00, 0xFF])
    }

    @Test func aReadWithNothingToReadTimesOut() async throws {
        let pty = try PseudoTerminal()
        defer { pty.unplug() }
        let port = try SerialPort.open(path: pty.devicePath, baudRate: 9600)
        defer { port.close() }
        await #expect(throws: TransportError.timeout(name: pty.devicePath, after: .milliseconds(100))) {
            _ = try await port.read(maximumCount: 10, timeout: .milliseconds(100))
        }
    }

    @Test func anUnpluggedDeviceIsReportedAsGone() async throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort.open(path: pty.devicePath, baudRate: 115_200)
        defer { port.close() }
        pty.unplug()
        do {
            _ = try await port.read(maximumCount: 1, timeout: .seconds(2))
            Issue.record("read succeeded after unplug")
        } catch {
            #expect(error.isDeviceGone, "\(error)")
            #expect(error.description.contains("disappeared"))
        }
        #expect(!port.isOpen)
    }

    @Test func exclusiveOpenKeepsASecondOpenerOut() async throws {
        let pty = try PseudoTerminal()
        defer { pty.unplug() }
        let port = try SerialPort.open(path: pty.devicePath, baudRate: 115_200, exclusive: true)
        defer { port.close() }
        #expect(port.isExclusive)
        if getuid() != 0 {
            // TIOCEXCL does not bind root, so the second open is only refused for other users.
            #expect(throws: TransportError.busy(path: pty.devicePath)) { _ = try SerialPort.open(path: pty.devicePath, baudRate: 115_200) }
        }
        let shared = try SerialPort.open(path: pty.devicePath, baudRate: 115_200, exclusive: false)
        shared.close()
    }

    @Test func missingDevicesAndBadBaudRatesAreClearErrors() {
        #expect(throws: TransportError.openFailed(path: "/dev/onetrip-missing", errno: ENOENT)) {
            _ = try SerialPort.open(path: "/dev/onetrip-missing", baudRate: 115_200)
        }
        #expect(throws: TransportError.configurationFailed(path: "/dev/null", errno: EINVAL)) {
            _ = try SerialPort.open(path: "/dev/null", baudRate: 12_345)
        }
        #expect(SerialPort.wireTime(byteCount: 1295, baudRate: 115_200) == .nanoseconds(112_413_194))
    }

    @Test func closingFailsAPendingRead() async throws {
        let pty = try PseudoTerminal()
        defer { pty.unplug() }
        let port = try SerialPort.open(path: pty.devicePath, baudRate: 115_200)
        let pending = Task { () async throws(TransportError) -> [UInt8] in try await port.read(maximumCount: 1, timeout: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        port.close()
        await #expect(throws: TransportError.closed(name: pty.devicePath)) { _ = try await pending.value }
    }
}
