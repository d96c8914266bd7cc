import Foundation
import KioskCore
import Logging

/// The daemon's record of which device fills which role, kept current by udev hot-plug events.
///
/// It holds every candidate device present (by sysfs path), re-runs ``RoleAssignment`` after
/// each change, remembers which role each identity held (so a device re-plugged into another
/// socket gets its role back), logs and ignores devices no profile fits, and publishes every
/// change to subscribers of ``updates()`` so the daemon can start, stop or restart drivers.
///
/// ```swift
/// let registry = DeviceRegistry(profiles: library.profiles, logger: logger)
/// let monitor = try UdevMonitor()                       // listen first, then scan: no gap
/// try await registry.rescan()
/// await registry.follow(monitor.events)
/// ```
public actor DeviceRegistry {
    private let matcher: DeviceMatcher
    private let pinned: [DeviceIdentity: DeviceRole]
    private var remembered: [DeviceIdentity: DeviceRole]
    private var present: [String: DiscoveredDevice] = [:]
    private var current = RoleAssignment()
    private var subscribers: [UInt64: AsyncStream<DeviceRegistryUpdate>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0
    private var reportedNotes: Set<String> = []
    private let logger: Logger

    /// Creates an empty registry.
    /// - Parameters:
    ///   - profiles: the device profiles to match against.
    ///   - pinned: roles a technician pinned to identities (configuration); they always win.
    ///   - remembered: roles identities held before (for example, loaded from the last run).
    ///   - logger: where arrivals, departures and ignored devices are logged.
    public init(
        profiles: [DeviceProfile], pinned: [DeviceIdentity: DeviceRole] = [:], remembered: [DeviceIdentity: DeviceRole] = [:],
        logger: Logger = Logger(label: "onetrip.devices")
    ) {
        self.matcher = DeviceMatcher(profiles: profiles)
        self.pinned = pinned
        self.remembered = remembered
        self.logger = logger
    }

    /// The current assignment.
    public var assignment: RoleAssignment { self.current }

    /// The holder of a role, if any.
    public func holder(of role: DeviceRole) -> RoleAssignment.Holder? { self.current.holders[role] }

    /// The role each identity held last (to persist across restarts if wanted).
    public var rememberedRoles: [DeviceIdentity: DeviceRole] { self.remembered }

    /// The subsystems a scan enumerates (the monitor's filter: ``UdevMonitor/kioskSubsystems``).
    public static let subsystems = ["tty", "usbmisc", "usb"]

    /// Enumerates the devices present through libudev and replaces everything with them: at
    /// start (after the monitor is listening), and periodically, since events lost to a full
    /// monitor buffer are not reported by libudev.
    /// - Throws: ``UdevError`` when udev cannot be asked.
    @discardableResult
    public func rescan() throws(UdevError) -> DeviceRegistryUpdate {
        let devices = try Udev().devices(subsystems: Self.subsystems)
        return self.replaceAll(with: devices)
    }

    /// Replaces everything with a fresh enumeration (at start, or after the monitor lost events).
    @discardableResult
    public func replaceAll(with devices: [UdevDevice]) -> DeviceRegistryUpdate {
        self.present = [:]
        for device in devices {
            guard let discovered = self.matcher.discover(device) else { continue }
            self.insert(discovered)
            if !discovered.isKnown { self.logUnknown(discovered) }
        }
        return self.reassign(trigger: .scan, device: nil)
    }

    /// Applies one hot-plug event.
    /// - Returns: the update, or `nil` when the event concerns nothing discovery looks at.
    @discardableResult
    public func apply(_ event: UdevEvent) -> DeviceRegistryUpdate? {
        let syspath = event.device.syspath
        switch event.action {
        case .remove:
            guard let gone = self.present.removeValue(forKey: syspath) else { return nil }
            self.logger.debug("device left: \(gone.summary) [\(gone.identity)]")
            return self.reassign(trigger: .event(event), device: gone)
        case .add, .change, .bind, .unbind, .other:
            guard let discovered = self.matcher.discover(event.device) else {
                // It stopped being a candidate (or never was): forget it if we had it.
                guard let gone = self.present.removeValue(forKey: syspath) else { return nil }
                return self.reassign(trigger: .event(event), device: gone)
            }
            let isNew = self.present[syspath] == nil
            self.insert(discovered)
            if isNew, !discovered.isKnown { self.logUnknown(discovered) }
            return self.reassign(trigger: .event(event), device: discovered)
        }
    }

    /// Applies events until the sequence ends (the monitor stopped) or the task is cancelled.
    public func follow<Events: AsyncSequence & Sendable>(_ events: Events) async where Events.Element == UdevEvent {
        do {
            for try await event in events {
                self.apply(event)
            }
        } catch {
            self.logger.error("udev event stream failed: \(error)")
        }
    }

    /// A stream of every update from now on (each subscriber gets its own stream).
    public func updates() -> AsyncStream<DeviceRegistryUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: DeviceRegistryUpdate.self)
        let id = self.nextSubscriber
        self.nextSubscriber += 1
        self.subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UInt64) {
        self.subscribers[id] = nil
    }

    private func insert(_ device: DiscoveredDevice) {
        // One device cannot be in two places: an entry with the same identity elsewhere whose
        // sysfs directory is gone is a departure whose remove event was lost. If it is still
        // there, two devices share a serial number (see `distinct(_:)`).
        for (path, other) in self.present where other.identity == device.identity && path != device.udev.syspath {
            if !FileManager.default.fileExists(atPath: path) { self.present[path] = nil }
        }
        self.present[device.udev.syspath] = device
    }

    /// The present devices, each with an identity of its own: devices that report the same
    /// serial number are named by their port instead.
    private func distinct(_ devices: [DiscoveredDevice]) -> [DiscoveredDevice] {
        let counts = Dictionary(grouping: devices, by: \.identity).mapValues(\.count)
        return devices.map { device in
            guard counts[device.identity, default: 0] > 1, let port = DeviceIdentity.port(of: device.udev) else { return device }
            let note = "two devices report \(device.identity): told apart by their USB ports, so each keeps its role only in its own socket"
            if !self.reportedNotes.contains(note) {
                self.reportedNotes.insert(note)
                self.logger.warning("\(note)")
            }
            var renamed = device
            renamed.identity = port
            return renamed
        }
    }

    private func reassign(trigger: DeviceRegistryUpdate.Trigger, device: DiscoveredDevice?) -> DeviceRegistryUpdate {
        let previous = self.current
        let incumbents = previous.holders.mapValues(\.device.identity)
        self.current = RoleAssignment.assign(
            self.distinct(Array(self.present.values)), pinned: self.pinned, incumbents: incumbents, remembered: self.remembered)
        for (role, holder) in self.current.holders {
            self.remembered[holder.device.identity] = role
        }
        let changes = RoleChange.changes(from: previous.holders, to: self.current.holders)
        for change in changes { self.log(change) }
        for note in self.current.notes where !self.reportedNotes.contains(note) {
            self.reportedNotes.insert(note)
            self.logger.warning("\(note)")
        }
        let update = DeviceRegistryUpdate(trigger: trigger, device: device, changes: changes, assignment: self.current)
        for continuation in self.subscribers.values { continuation.yield(update) }
        return update
    }

    private func logUnknown(_ device: DiscoveredDevice) {
        self.logger.notice("ignoring unknown device \(device.summary) [\(device.identity)]: no device profile matches it")
    }

    private func log(_ change: RoleChange) {
        let role = change.role.rawValue
        switch change.kind {
        case .filled, .replaced, .moved:
            guard let holder = change.current else { return }
            let node = holder.device.deviceNode ?? holder.device.udev.syspath
            self.logger.info(
                "\(role) \(change.kind.rawValue): \(holder.device.identity) at \(node), profile \(holder.match.profile.id) (\(holder.reason.rawValue))")
        case .vacated:
            self.logger.info("\(role) vacated: \(change.previous.map { "\($0.device.identity)" } ?? "?") left")
        }
    }
}

/// One change to the registry: what triggered it, the role changes, and the whole assignment after it.
public struct DeviceRegistryUpdate: Sendable {
    /// What caused the update.
    public enum Trigger: Sendable {
        /// A full enumeration.
        case scan
        /// A hot-plug event.
        case event(UdevEvent)
    }

    /// What caused the update.
    public var trigger: Trigger
    /// The device the event was about (for a removal, as it was known before it left).
    public var device: DiscoveredDevice?
    /// Role changes, in role order (empty when only a spare or unknown device came or went).
    public var changes: [RoleChange]
    /// The assignment after the update.
    public var assignment: RoleAssignment
}
