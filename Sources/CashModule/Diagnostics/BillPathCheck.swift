import DeviceKit
import KioskCore

/// External: the bill path check. Opens the validator under a test transaction for
/// ``BillValidatorDiagnostics/pathWindow`` (the bezel lights; ENABLE must be accepted, so a jam
/// or a missing cash box shows), gives back any note inserted meanwhile, then disables it and
/// reads the transaction back from the ledger: every note returned, nothing credited.
struct BillPathCheck: DiagnosticCheck {
    let unit: BillValidatorDiagnostics

    var role: DeviceRole? { .billValidator }
    var level: DiagnosticLevel { .external }
    var name: String { "bill path" }
    var timeout: Duration { self.unit.settleTimeout + self.unit.pathWindow + .seconds(30) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        if let unavailable = self.unit.unavailable(status) { return unavailable }
        let cashIn: TestCashIn
        do {
            cashIn = try await TestCashIn.start(self.unit.validator, amountDue: self.unit.guidedNote)
        } catch {
            return .failed(
                "the cash-in ledger cannot be read", availability: .hardwareError,
                faults: [ValidatorFault.ledgerUnwritable("\(error)").deviceFault])
        }
        let validator = self.unit.validator
        // A note inserted near the end is still followed until it is back.
        var observation = await cashIn.watch(for: self.unit.pathWindow)
        if await validator.isNoteInFlight {
            observation = await cashIn.watch(for: .seconds(10)) { _ in false }
        }
        let lines = await cashIn.finish()
        let returned = TestCashIn.returned(in: lines)
        let notes = returned.isEmpty ? "no note inserted" : "\(returned.count) note(s) read and given back (\(returned.map(\.description).joined(separator: ", ")))"
        return await self.unit.verdict(
            observation, lines: lines, transaction: cashIn.transaction,
            passed: "bill path open for \(self.unit.pathWindow) under \(cashIn.transaction), no fault; \(notes)")
    }
}
