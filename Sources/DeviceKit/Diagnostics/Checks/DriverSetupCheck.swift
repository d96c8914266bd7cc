import KioskCore

/// A driver that could not even be set up for diagnostics (a profile for another role, a missing
/// font, an unreadable database): one internal check that reports why, in place of the driver's
/// own checks. Also used for a driver that needs something the run does not have (the cash-in
/// ledger), as a skipped check saying what to pass.
public struct DriverSetupCheck: DiagnosticCheck {
    /// The role.
    public var checkedRole: DeviceRole
    /// What the check reports.
    public var result: DiagnosticResult

    /// Creates the check with the result it reports.
    public init(role: DeviceRole, result: DiagnosticResult) {
        self.checkedRole = role
        self.result = result
    }

    /// A driver that failed to set up: `configuration` remediation with the instruction given.
    public static func failed(role: DeviceRole, summary: String, instruction: String) -> DriverSetupCheck {
        DriverSetupCheck(
            role: role,
            result: .failed(
                summary, availability: .hardwareError,
                faults: [.make(code: "driver-setup-failed", role: role, summary: summary, remediation: Remediation(.configuration, instruction))]))
    }

    public var role: DeviceRole? { self.checkedRole }
    public var level: DiagnosticLevel { .internal }
    public var name: String { "driver starts" }

    public func run(in context: DiagnosticContext) async -> DiagnosticResult { self.result }
}
