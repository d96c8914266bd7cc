import KioskCore

/// Kiosk-wide: every device profile loads. A broken profile means its device model is not
/// recognised, so each error is a fault pointing at `file:line: key`.
public struct ProfileLibraryCheck: DiagnosticCheck {
    /// The loaded library.
    public var library: DeviceProfileLibrary

    /// Creates the check.
    public init(library: DeviceProfileLibrary) {
        self.library = library
    }

    public var role: DeviceRole? { nil }
    public var level: DiagnosticLevel { .internal }
    public var name: String { "device profiles load" }

    public func run(in context: DiagnosticContext) async -> DiagnosticResult {
        guard !self.library.errors.isEmpty else {
            return .passed("\(self.library.profiles.count) profiles loaded")
        }
        let faults = self.library.errors.map { error in
            DeviceFault.make(
                code: "profile-invalid", role: nil, summary: error.description,
                remediation: Remediation(.configuration, "fix \(error.file) at line \(error.line) (onetrip profiles check shows every error)"))
        }
        return .failed(
            "\(self.library.errors.count) of \(self.library.profiles.count + self.library.errors.count) profiles are broken", availability: nil,
            faults: faults)
    }
}
