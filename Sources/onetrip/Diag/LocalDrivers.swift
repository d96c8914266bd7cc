import DeviceKit
import Foundation
import KioskCore
import Logging
import Synchronization

/// The drivers `onetrip diag` opens itself when no daemon owns the devices: one per role that
/// has a device (configured in onetrip.toml, else discovered, else a CUPS queue from its
/// profile), built from the role's profile. Drivers that need a run loop get a
/// ``DeviceKit/DriverLoop`` that starts at their first check; ``stopAll()`` stops them when the
/// run ends.
final class LocalDrivers: Sendable {
    /// What the drivers need besides their device.
    struct Settings: Sendable {
        /// The kiosk's id (printed on test receipts and pages).
        var kioskID: String
        /// The office named on proofs.
        var office: String
        /// The kiosk's time zone.
        var timeZone: TimeZone
        /// The kiosk's database (the cash-in ledger), or `nil` when none was given.
        var databasePath: String?
        /// Problems with the configured devices, by role (a profile that does not exist).
        var problems: [DeviceRole: String]
        /// Where the drivers log (stderr).
        var logger: Logger
    }

    let settings: Settings
    private let loops = Mutex<[DriverLoop]>([])
    private let scratch = Mutex<URL?>(nil)

    init(settings: Settings) {
        self.settings = settings
    }

    /// A loop for a driver, stopped by ``stopAll()``.
    func loop(_ name: String, run body: @escaping @Sendable () async -> Void) -> DriverLoop {
        let loop = DriverLoop(name, run: body)
        self.loops.withLock { $0.append(loop) }
        return loop
    }

    /// The device diagnostics check for a role, if the run asks for the role and there is one.
    func target(_ role: DeviceRole, in environment: DiagnosticEnvironment) -> DeviceTarget? {
        guard environment.roles.contains(role), let target = environment.target(of: role), target.profile.role == role else { return nil }
        return target
    }

    /// A problem with the role's configuration, as a failed setup check.
    func problem(_ role: DeviceRole) -> [any DiagnosticCheck]? {
        guard let problem = self.settings.problems[role] else { return nil }
        return [DriverSetupCheck.failed(role: role, summary: problem, instruction: "fix [devices] in onetrip.toml (onetrip profiles list shows the profile ids)")]
    }

    /// A folder for files a driver needs but this run must not keep (removed by ``stopAll()``).
    func scratchDirectory() throws -> URL {
        try self.scratch.withLock { scratch in
            if let scratch { return scratch }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("onetrip-diag-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            scratch = url
            return url
        }
    }

    /// Stops every loop (each driver closes its device) and removes the scratch folder.
    func stopAll() async {
        for loop in self.loops.withLock({ $0 }) { await loop.stop() }
        if let scratch = self.scratch.withLock({ $0 }) { try? FileManager.default.removeItem(at: scratch) }
    }
}
