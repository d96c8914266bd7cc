import DeviceKit
import KioskCore

/// Internal: the driver's connection to the unit (SYNC, protocol version, set-up, serial number,
/// REJECT, DISABLE, polls until quiet, counters, inhibits) and what the polls reported (jams,
/// cash box, fraud, stacker full). Nothing moves: the unit stays disabled. The details carry the
/// firmware, dataset, serial, accepted channels and counters where the unit has them.
struct ValidatorStatusCheck: DiagnosticCheck {
    let unit: BillValidatorDiagnostics

    var role: DeviceRole? { .billValidator }
    var level: DiagnosticLevel { .internal }
    var name: String { "sync and poll" }
    var timeout: Duration { self.unit.settleTimeout + .seconds(10) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        if let fault = status.faults.first { return DiagnosticResult(status: status, detail: fault.summary) }
        guard status.availability.isUsable else {
            return DiagnosticResult(status: status, detail: "the validator did not answer within \(self.unit.settleTimeout)")
        }
        var parts = ["SYNC and polls answered"]
        if let serial = status.details["serial"] { parts.append("serial \(serial)") }
        if let channels = status.details["channels"] { parts.append("accepting \(channels)") }
        parts.append(status.details["counters"].map { "counters \($0)" } ?? "no counters (GET COUNTERS not supported)")
        return DiagnosticResult(status: status, detail: parts.joined(separator: "; "))
    }
}
