import DeviceKit
import KioskCore

/// The bill validator's health checks, built against one driver: the daemon passes its running
/// driver, `onetrip diag` one it opened on the kiosk's own cash-in ledger (with a
/// ``DeviceKit/DriverLoop`` that runs it for the length of the diagnostics run).
///
/// | level | check | what it does |
/// |---|---|---|
/// | internal | `sync and poll` | the driver's connection: SYNC, set-up, serial, REJECT, DISABLE, polls; status, accepted channels (inhibits), counters |
/// | external | `bill path` | enables the validator for a few seconds under a test transaction; any note inserted is read and given back |
/// | interactive | `guided note` | asks for a ¥10 note, sees it recognised, gives it back |
///
/// No check ever stacks a note (see ``TestCashIn``). While a citizen's payment runs, the
/// external and interactive checks are skipped.
public struct BillValidatorDiagnostics: Sendable {
    /// The driver.
    public var validator: BillValidatorDriver
    /// Its run loop (``DeviceKit/DriverLoop/alreadyRunning(_:)`` in the daemon).
    public var loop: DriverLoop
    /// How long the driver may take to connect (SYNC, set-up, reconciliation).
    public var settleTimeout: Duration
    /// How long the bill path stays open in the external check.
    public var pathWindow: Duration
    /// How long the guided check waits for the technician's note.
    public var guidedWait: Duration
    /// The note the guided check asks for.
    public var guidedNote: Money

    /// Creates the checks' common settings.
    public init(
        validator: BillValidatorDriver, loop: DriverLoop = .alreadyRunning("bill validator"), settleTimeout: Duration? = nil,
        pathWindow: Duration = .seconds(5), guidedWait: Duration = .seconds(60), guidedNote: Money = .yuan(10)
    ) {
        let configuration = validator.configuration
        self.validator = validator
        self.loop = loop
        // SYNC and a dozen set-up commands, each re-sent `attempts` times on silence.
        self.settleTimeout = settleTimeout ?? max(.seconds(15), configuration.replyTimeout * (configuration.attempts * 4) + .seconds(5))
        self.pathWindow = pathWindow
        self.guidedWait = guidedWait
        self.guidedNote = guidedNote
    }

    /// What citizens are told while the validator is out (the driver's own wording).
    static var citizenNotice: LocalizedText { ValidatorFault.noReply("").deviceFault.citizenNotice }

    /// The three checks.
    public var checks: [any DiagnosticCheck] {
        [ValidatorStatusCheck(unit: self), BillPathCheck(unit: self), GuidedNoteCheck(unit: self)]
    }

    /// Starts the driver if diagnostics own it and waits until it has connected or said why not.
    func settledStatus() async -> DeviceStatus {
        self.loop.ensureRunning()
        let validator = self.validator
        _ = await DiagnosticWait.until(timeout: self.settleTimeout) { await validator.hasReported ? true : nil }
        return await validator.status
    }

    /// The reason the unit cannot run a test cash-in now, as a result; `nil` when it can.
    func unavailable(_ status: DeviceStatus) -> DiagnosticResult? {
        if let fault = status.faults.first {
            return DiagnosticResult(status: status, detail: "cannot open the bill path: \(fault.summary)")
        }
        if status.details["transaction"] != nil {
            return .skipped("the validator is taking a citizen's payment; run the check when the kiosk is idle")
        }
        guard status.availability == .online else {
            return DiagnosticResult(status: status, detail: "cannot open the bill path: the validator is \(status.availability.label)")
        }
        return nil
    }

    /// Judges a finished test cash-in: money kept or faults fail it; otherwise `passed`.
    func verdict(
        _ observation: TestCashIn.Observation, lines: [CashLedgerEntry], transaction: TransactionID, passed: String
    ) async -> DiagnosticResult {
        let status = await self.validator.status
        let kept = TestCashIn.keptMoney(in: lines)
        if !observation.credited.isEmpty || !kept.isEmpty {
            let what = kept.map(\.description).joined(separator: "; ")
            return .failed(
                "a test note was not given back (\(transaction))", availability: status.availability,
                faults: [
                    DeviceFault(
                        code: "test-note-kept", summary: "the ledger shows a test note taken or unaccounted for: \(what)",
                        remediation: Remediation(
                            .maintenance,
                            "count the cash box against the ledger (onetrip cash ledger --database FILE), hand the note back and report transaction \(transaction)"
                        ),
                        citizenNotice: BillValidatorDiagnostics.citizenNotice)
                ])
        }
        if !status.faults.isEmpty || observation.failure != nil {
            let reason = status.faults.first?.summary ?? observation.failure?.en ?? "the validator failed"
            return .failed(reason, availability: status.availability, faults: status.faults)
        }
        var details = status.details
        details["test-transaction"] = transaction.description
        details["returned"] = TestCashIn.returned(in: lines).map(\.description).joined(separator: " ")
        return DiagnosticResult(verdict: .passed, availability: status.availability, detail: passed, details: details)
    }
}
