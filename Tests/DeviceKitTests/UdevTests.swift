import DeviceKit
import Foundation
import Testing

@Suite("libudev shim")
struct UdevTests {
    @Test func enumeratesRealDevices() throws {
        let udev = try Udev()
        let all = try udev.devices()
        // Every Linux machine has at least the memory devices (/dev/null, /dev/zero) in sysfs.
        #expect(!all.isEmpty)
        let mem = try udev.devices(subsystems: ["mem"])
        #expect(mem.contains { $0.devnode == "/dev/null" && $0.sysname == "null" })
        #expect(mem.allSatisfy { $0.subsystem == "mem" })
        let null = try #require(mem.first { $0.sysname == "null" })
        #expect(udev.device(syspath: null.syspath)?.devnode == "/dev/null")
        #expect(udev.device(syspath: "/sys/devices/does-not-exist") == nil)
    }
}
