import COneTripSerial
import COneTripUdev
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The udev hot-plug monitor: listens on libudev's netlink monitor socket (events that udevd
/// sends after rule processing, so `ID_PATH`, `ID_SERIAL_SHORT` and friends are present) and
/// hands each add/remove/change to ``events`` as a ``UdevEvent``.
///
/// Like ``FileDescriptorStream``, a dedicated thread sleeps in `poll(2)` on the socket, so the
/// cooperative thread pool is never blocked; an idle monitor costs a sleeping thread. The
/// thread owns its own libudev context (libudev objects are not thread-safe).
///
/// ```swift
/// let monitor = try UdevMonitor()
/// for await event in monitor.events { await registry.apply(event) }
/// ```
public final class UdevMonitor: Sendable {
    /// The subsystems (and device types) a kiosk cares about: serial ports, USB printer-class
    /// nodes and whole USB devices.
    public static let kioskSubsystems: [Filter] = [
        Filter(subsystem: "tty"), Filter(subsystem: "usbmisc"), Filter(subsystem: "usb", deviceType: "usb_device"),
    ]

    /// A subsystem (and optional device type) to receive events for.
    public struct Filter: Hashable, Sendable {
        /// The subsystem (`tty`).
        public var subsystem: String
        /// The device type within it (`usb_device`), or `nil` for all.
        public var deviceType: String?

        /// Creates a filter.
        public init(subsystem: String, deviceType: String? = nil) {
            self.subsystem = subsystem
            self.deviceType = deviceType
        }
    }

    /// The events, in the order udev sent them. Finishes when the monitor stops.
    public let events: AsyncStream<UdevEvent>
    private let wakeWrite: Int32
    private let isStopped: Mutex<Bool>

    /// The libudev objects, handed from `init` to the monitor thread, which alone uses and frees them.
    private final class Handles: @unchecked Sendable {
        let udev: OpaquePointer
        let monitor: OpaquePointer
        let wakeRead: Int32

        init(udev: OpaquePointer, monitor: OpaquePointer, wakeRead: Int32) {
            self.udev = udev
            self.monitor = monitor
            self.wakeRead = wakeRead
        }
    }

    /// Opens the monitor socket and starts listening.
    /// - Parameter filters: what to receive (the kernel-side filter drops everything else).
    /// - Throws: ``UdevError/unavailable`` without libudev, ``UdevError/monitorFailed(operation:errno:)``
    ///   when the netlink socket cannot be opened or bound.
    public init(filters: [Filter] = UdevMonitor.kioskSubsystems) throws(UdevError) {
        guard let udev = udev_new() else { throw .unavailable }
        guard let monitor = udev_monitor_new_from_netlink(udev, "udev") else {
            let code = errno
            udev_unref(udev)
            throw .monitorFailed(operation: "udev_monitor_new_from_netlink", errno: code)
        }
        func fail(_ operation: String, _ code: Int32) -> UdevError {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            return .monitorFailed(operation: operation, errno: code)
        }
        for filter in filters {
            let status = udev_monitor_filter_add_match_subsystem_devtype(monitor, filter.subsystem, filter.deviceType)
            guard status >= 0 else { throw fail("udev_monitor_filter_add_match_subsystem_devtype", -status) }
        }
        // A larger buffer rides out bursts (a hub with several devices); failing is harmless.
        _ = udev_monitor_set_receive_buffer_size(monitor, 1 << 20)
        let status = udev_monitor_enable_receiving(monitor)
        guard status >= 0 else { throw fail("udev_monitor_enable_receiving", -status) }
        var pipeEnds: [Int32] = [0, 0]
        guard onetrip_pipe(&pipeEnds) == 0 else { throw fail("pipe2", errno) }
        self.wakeWrite = pipeEnds[1]
        self.isStopped = Mutex(false)
        let (events, continuation) = AsyncStream.makeStream(of: UdevEvent.self, bufferingPolicy: .unbounded)
        self.events = events
        let handles = Handles(udev: udev, monitor: monitor, wakeRead: pipeEnds[0])
        let thread = Thread { UdevMonitor.receiveLoop(handles, continuation) }
        thread.name = "onetrip-udev-monitor"
        thread.start()
        continuation.onTermination = { [weak self] _ in self?.stop() }
    }

    /// Stops listening; ``events`` finishes. Safe to call more than once.
    public func stop() {
        let wasStopped = self.isStopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(self.wakeWrite, &byte, 1)
        Glibc.close(self.wakeWrite)
    }

    deinit {
        self.stop()
    }

    private static func receiveLoop(_ handles: Handles, _ continuation: AsyncStream<UdevEvent>.Continuation) {
        let socket = udev_monitor_get_fd(handles.monitor)
        var fds = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: handles.wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            if Int32(fds[0].revents) & Int32(POLLERR | POLLHUP | POLLNVAL) != 0 { break }
            // The socket is non-blocking: drain every queued event, then poll again.
            while let device = udev_monitor_receive_device(handles.monitor) {
                let action = udev_device_get_action(device).map { String(cString: $0) } ?? "change"
                let event = UdevEvent(
                    action: UdevAction(action), device: Udev.snapshot(device), sequenceNumber: UInt64(udev_device_get_seqnum(device)))
                udev_device_unref(device)
                continuation.yield(event)
            }
        }
        continuation.finish()
        Glibc.close(handles.wakeRead)
        udev_monitor_unref(handles.monitor)
        udev_unref(handles.udev)
    }
}
