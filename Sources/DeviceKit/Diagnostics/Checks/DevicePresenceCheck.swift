import Foundation
import KioskCore

/// Is a device filling the role? Internal: reads what the configuration names and discovery
/// found, touches nothing (a configured device node is only looked up in the file system).
public struct DevicePresenceCheck: DiagnosticCheck {
    /// The role checked.
    public var checkedRole: DeviceRole
    /// What discovery found.
    public var environment: DiagnosticEnvironment

    /// Creates the check.
    public init(role: DeviceRole, environment: DiagnosticEnvironment) {
        self.checkedRole = role
        self.environment = environment
    }

    public var role: DeviceRole? { self.checkedRole }
    public var level: DiagnosticLevel { .internal }
    public var name: String { "device present" }

    public func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let role = self.checkedRole
        let deviceName = role.phrase
        if let configured = self.environment.configured[role] {
            return self.present(configured)
        }
        if let holder = self.environment.holder(of: role) {
            var detail = "\(holder.device.deviceNode ?? holder.device.udev.sysname) \(holder.device.identity), profile \(holder.match.profile.id)"
            let spares = self.environment.assignment.spares.filter { $0.role == role }
            if !spares.isEmpty { detail += "; \(spares.count) spare not used" }
            var details = ["identity": holder.device.identity.description, "profile": holder.match.profile.id, "model": holder.match.profile.model]
            if let node = holder.device.deviceNode { details["node"] = node }
            return .passed(detail, details: details)
        }
        let profiles = self.environment.profiles.profiles.filter { $0.role == role }
        if profiles.isEmpty {
            return .failed(
                "no device profile for this role", availability: .noDevice,
                faults: [
                    .make(
                        code: "no-profile", role: role, summary: "DeviceProfiles/ has no profile for the \(deviceName)",
                        remediation: Remediation(.configuration, "add the \(deviceName)'s model profile to DeviceProfiles/ (onetrip profiles check validates it)"))
                ])
        }
        let discoverable = profiles.filter(DeviceMatcher.isDiscoverable)
        if discoverable.isEmpty {
            let reach = DeviceListing(assignment: self.environment.assignment, profiles: profiles).endpoints.map(\.reach).joined(separator: ", ")
            return .skipped("reached through \(reach), not udev; its driver's checks cover it")
        }
        let models = discoverable.map(\.model).joined(separator: ", ")
        return .failed(
            "none of the known models is connected (\(models))", availability: .powerOff,
            faults: [
                .make(
                    code: "not-connected", role: role, summary: "no \(deviceName) is plugged in",
                    remediation: Remediation(
                        .clear,
                        "plug the \(deviceName)'s USB cable in and switch it on (onetrip devices lists what is connected); if this kiosk has none, leave the role out of its configuration"
                    ))
            ])
    }

    /// A device the configuration names: its node must exist; a network or CUPS device is left
    /// to its driver's checks.
    private func present(_ target: DeviceTarget) -> DiagnosticResult {
        let role = self.checkedRole
        let details = ["profile": target.profile.id, "model": target.profile.model, "origin": target.origin.rawValue]
        guard let path = target.path else {
            return .skipped("configured at \(target); its driver's checks cover it")
        }
        if FileManager.default.fileExists(atPath: path) {
            return .passed("\(path), profile \(target.profile.id) (configured)", details: details.merging(["node": path]) { $1 })
        }
        return .failed(
            "the configured \(path) does not exist", availability: .powerOff,
            faults: [
                .make(
                    code: "not-connected", role: role, summary: "no \(role.phrase) at the configured \(path)",
                    remediation: Remediation(
                        .clear,
                        "plug the \(role.phrase)'s USB cable in and switch it on (onetrip devices lists what is connected), or correct its path in onetrip.toml"
                    ))
            ])
    }
}
