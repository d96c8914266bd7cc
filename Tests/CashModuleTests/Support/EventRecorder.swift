import DeviceKit
import CashModule
import Foundation
import KioskCore

/// Collects payment events from a stream and lets a test wait for one.
actor EventRecorder {
    private(set) var events: [PaymentEvent] = []

    func append(_ event: PaymentEvent) { self.events.append(event) }

    /// Starts collecting from `stream`.
    nonisolated func collect(_ stream: AsyncStream<PaymentEvent>) -> Task<Void, Never> {
        Task {
            for await event in stream { await self.append(event) }
        }
    }

    /// Waits until an event matches (checking every 10 ms), at most `timeout`.
    func wait(timeout: Duration = .seconds(10), for predicate: @Sendable (PaymentEvent) -> Bool) async -> PaymentEvent? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let event = self.events.first(where: predicate) { return event }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return self.events.first(where: predicate)
    }

    /// Waits until the latest status matches.
    func waitForStatus(timeout: Duration = .seconds(10), _ predicate: @Sendable (DeviceStatusSnapshot) -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let status = self.latestStatus, predicate(status) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// The last published status.
    var latestStatus: DeviceStatusSnapshot? {
        for event in self.events.reversed() {
            if case .deviceStatusChanged(let status) = event { return DeviceStatusSnapshot(status: status) }
        }
        return nil
    }

    /// Every `needsAttention` record.
    var attentions: [CashAttention] {
        self.events.compactMap { if case .needsAttention(let attention) = $0 { return attention } else { return nil } }
    }
}

/// A status, with the fault codes pulled out for short assertions.
struct DeviceStatusSnapshot: Sendable {
    var status: DeviceStatus
    var availability: DeviceAvailability { self.status.availability }
    var faultCodes: [String] { self.status.faults.map(\.code) }
}
