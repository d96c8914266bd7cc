import KioskCore

/// What one check found: a verdict, the device's availability as far as the check could tell,
/// what it saw, and for every fault the remediation a person should take.
public struct DiagnosticResult: Hashable, Sendable, Codable {
    /// The verdict.
    public enum Verdict: String, Hashable, Sendable, Codable {
        /// The check found nothing wrong.
        case passed
        /// The check found a problem (or could not finish): the exit code is non-zero.
        case failed
        /// The check did not run (not applicable, or needs a technician who is not there).
        case skipped
    }

    /// The verdict.
    public var verdict: Verdict
    /// The availability the check established, or `nil` when it does not tell (a presence
    /// check knows a device is plugged in, not whether it works).
    public var availability: DeviceAvailability?
    /// What the check saw, in a sentence.
    public var detail: String
    /// The faults found, each with its remediation.
    public var faults: [DeviceFault]
    /// Device-specific facts (`firmware`, `paper`, `sam-id`).
    public var details: [String: String]

    /// Creates a result.
    public init(
        verdict: Verdict, availability: DeviceAvailability? = nil, detail: String, faults: [DeviceFault] = [], details: [String: String] = [:]
    ) {
        self.verdict = verdict
        self.availability = availability
        self.detail = detail
        self.faults = faults
        self.details = details
    }

    /// A result from a driver's status: passed when the device is usable and reports no fault.
    public init(status: DeviceStatus, detail: String) {
        let passed = status.availability.isUsable && status.faults.isEmpty
        self.init(verdict: passed ? .passed : .failed, availability: status.availability, detail: detail, faults: status.faults, details: status.details)
    }

    /// A passed check.
    public static func passed(_ detail: String, availability: DeviceAvailability? = nil, details: [String: String] = [:]) -> DiagnosticResult {
        DiagnosticResult(verdict: .passed, availability: availability, detail: detail, details: details)
    }

    /// A failed check with its faults.
    public static func failed(_ detail: String, availability: DeviceAvailability?, faults: [DeviceFault]) -> DiagnosticResult {
        DiagnosticResult(verdict: .failed, availability: availability, detail: detail, faults: faults)
    }

    /// A check that did not run.
    public static func skipped(_ reason: String) -> DiagnosticResult {
        DiagnosticResult(verdict: .skipped, detail: reason)
    }

    /// A check that ran out of time.
    static func timedOut(after timeout: Duration, role: DeviceRole?) -> DiagnosticResult {
        let device = role?.phrase ?? "kiosk"
        return .failed(
            "no answer within \(timeout)", availability: role == nil ? nil : .hardwareError,
            faults: [
                .make(
                    code: "check-timeout", role: role, summary: "the check did not finish within \(timeout)",
                    remediation: Remediation(.reset, "power-cycle the \(device) and run the check again; if it hangs again, call maintenance"))
            ])
    }
}

extension DeviceFault {
    /// A fault with the standard citizen notice for a role ("身份证阅读器暂不可用").
    public static func make(code: String, role: DeviceRole?, summary: String, remediation: Remediation) -> DeviceFault {
        DeviceFault(
            code: code, summary: summary, remediation: remediation,
            citizenNotice: role.map { LocalizedText(zh: "\($0.name.zh)暂不可用", en: "\($0.name.en) unavailable") }
                ?? LocalizedText(zh: "设备维护中", en: "Under maintenance"))
    }
}
