import DeviceKit
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("TCP transport")
struct TCPConnectionTests {
    /// A real listening socket on loopback, accepting one connection and echoing a byte.
    func listen() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var copy = address
        _ = withUnsafePointer(to: &copy) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        Glibc.listen(descriptor, 1)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func connectsWritesAndSeesTheOtherSideHangUp() async throws {
        let (listener, port) = try self.listen()
        defer { Glibc.close(listener) }
        let connection = try await TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(2))
        defer { connection.close() }
        let peer = accept(listener, nil, nil)
        try await connection.write([0x10, 0x04, 0x01], timeout: .seconds(1))
        var buffer = [UInt8](repeating: 0, count: 3)
        #expect(Glibc.read(peer, &buffer, 3) == 3)
        #expect(buffer == [0x10, 0x04, 0x01])
        Glibc.close(peer)
        await #expect(throws: TransportError.gone(name: "127.0.0.1:\(port)", reason: "end of file")) {
            _ = try await connection.read(maximumCount: 1, timeout: .seconds(2))
        }
    }

    @Test func aClosedPortIsRefusedQuickly() async throws {
        let (listener, port) = try self.listen()
        Glibc.close(listener)
        do {
            _ = try await TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .seconds(2))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.description.contains("Connection refused"))
        }
    }
}
