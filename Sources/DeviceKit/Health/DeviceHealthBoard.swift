import Foundation
import KioskCore
import Logging

/// The latest health of every device role, in one place: drivers publish their
/// ``DeviceStatus`` here, the session asks which roles are usable, diagnostics and
/// `onetrip devices` read the statuses, and the board keeps each device's statistics.
///
/// - Every new fault (a code the device did not report a moment before) counts as an error;
///   a fault whose code is `jam` or ends in `-jam` (`paper-jam`, `bill-jam`) also counts as a
///   jam. Drivers report successes with ``record(_:role:at:)``.
/// - Time usable (online or busy) is booked at every status change and at ``flush(at:)``,
///   which the daemon calls periodically (a minute is plenty) and at shutdown.
/// - Subscribers of ``changes()`` hear about every change of availability or faults, with a
///   flag when the role's ``DeviceUsability`` changed: that is what the session is told.
///
/// Statistics that cannot be written are logged and dropped: they never stop a device.
public actor DeviceHealthBoard {
    private var latest: [DeviceRole: DeviceStatus] = [:]
    private var usableSince: [DeviceRole: Date] = [:]
    private let store: DeviceStatisticsStore
    private var subscribers: [UInt64: AsyncStream<DeviceHealthChange>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0
    private let logger: Logger

    /// Creates a board that keeps statistics in a store.
    public init(statistics store: sending DeviceStatisticsStore, logger: Logger = Logger(label: "onetrip.health")) {
        self.store = store
        self.logger = logger
    }

    /// The latest status of a role (``DeviceStatus/noDevice(_:reason:)`` until a driver reports).
    public func status(of role: DeviceRole) -> DeviceStatus {
        self.latest[role] ?? .noDevice(role, reason: "no driver has reported for the \(role.phrase) yet")
    }

    /// The latest status of every role that has one.
    public var statuses: [DeviceRole: DeviceStatus] { self.latest }

    /// Whether citizens can use a role now.
    public func usability(of role: DeviceRole) -> DeviceUsability { self.status(of: role).usability }

    /// The usability of every role.
    public var usabilities: [DeviceRole: DeviceUsability] {
        Dictionary(uniqueKeysWithValues: DeviceRole.allCases.map { ($0, self.usability(of: $0)) })
    }

    /// Takes a driver's latest status.
    public func publish(_ status: DeviceStatus, at now: Date = Date()) {
        let role = status.role
        let previous = self.latest[role]
        let sameDevice = previous?.deviceID == status.deviceID
        var delta = self.bookUsableTime(role: role, until: now)
        let knownCodes = sameDevice ? Set(previous?.faults.map(\.code) ?? []) : []
        for fault in status.faults where !knownCodes.contains(fault.code) {
            delta.errors += 1
            if fault.code == "jam" || fault.code.hasSuffix("-jam") { delta.jams += 1 }
            delta.lastFault = DeviceStatistics.Delta.Fault(code: fault.code, at: now)
        }
        if let previous, !sameDevice {
            // The role changed hands: book the old device's time, start fresh for the new one.
            self.write(delta.onlyTime, role: role, deviceID: previous.deviceID, at: now)
            delta.secondsOnline = 0
        }
        self.write(delta, role: role, deviceID: status.deviceID, at: now)
        self.latest[role] = status
        self.usableSince[role] = status.availability.isUsable ? now : nil

        let changed = previous?.availability != status.availability || previous?.faults != status.faults || !sameDevice
        guard changed else { return }
        let change = DeviceHealthChange(
            status: status, previousAvailability: previous?.availability,
            usabilityChanged: (previous?.usability ?? DeviceStatus.noDevice(role).usability) != status.usability)
        if change.status.faults.isEmpty {
            self.logger.info("\(role.rawValue) \(status.deviceID): \(status.availability.label)")
        } else {
            self.logger.warning("\(status)")
        }
        for continuation in self.subscribers.values { continuation.yield(change) }
    }

    /// Counts a success (a card read, a receipt printed) for the device filling a role.
    public func record(_ activity: DeviceActivity, role: DeviceRole, at now: Date = Date()) {
        guard let deviceID = self.latest[role]?.deviceID else {
            self.logger.warning("\(role.rawValue) reported \(activity) before any status; not counted")
            return
        }
        self.write(activity.delta, role: role, deviceID: deviceID, at: now)
    }

    /// Books the time usable so far (call periodically and at shutdown).
    public func flush(at now: Date = Date()) {
        for (role, status) in self.latest {
            let delta = self.bookUsableTime(role: role, until: now)
            self.write(delta, role: role, deviceID: status.deviceID, at: now)
        }
    }

    /// Every device's statistics.
    public func statistics() -> [DeviceStatistics] {
        do {
            return try self.store.all()
        } catch {
            self.logger.error("cannot read device statistics: \(error)")
            return []
        }
    }

    /// A stream of every change from now on.
    public func changes() -> AsyncStream<DeviceHealthChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: DeviceHealthChange.self)
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

    private func bookUsableTime(role: DeviceRole, until now: Date) -> DeviceStatistics.Delta {
        var delta = DeviceStatistics.Delta()
        guard let since = self.usableSince[role] else { return delta }
        // A wall clock set backwards books nothing rather than negative time.
        delta.secondsOnline = max(0, now.timeIntervalSince(since))
        self.usableSince[role] = now
        return delta
    }

    private func write(_ delta: DeviceStatistics.Delta, role: DeviceRole, deviceID: String, at now: Date) {
        guard !delta.isEmpty, deviceID != "-" else { return }
        do {
            try self.store.add(delta, role: role, deviceID: deviceID, at: now)
        } catch {
            self.logger.error("cannot write statistics of \(role.rawValue) \(deviceID): \(error)")
        }
    }
}

/// A change in one role's health.
public struct DeviceHealthChange: Hashable, Sendable {
    /// The new status.
    public var status: DeviceStatus
    /// The availability before (`nil` for the first report).
    public var previousAvailability: DeviceAvailability?
    /// Whether the role's ``DeviceUsability`` changed: tell the session
    /// (`SessionEvent.deviceUsabilityChanged`).
    public var usabilityChanged: Bool

    /// The role.
    public var role: DeviceRole { self.status.role }
    /// What the session needs.
    public var usability: DeviceUsability { self.status.usability }
}

extension DeviceStatistics.Delta {
    /// Only the time part.
    fileprivate var onlyTime: DeviceStatistics.Delta {
        var delta = DeviceStatistics.Delta()
        delta.secondsOnline = self.secondsOnline
        return delta
    }
}
