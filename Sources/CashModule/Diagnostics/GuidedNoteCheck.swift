import DeviceKit
import KioskCore

/// Interactive: asks the technician to insert a ¥10 note, sees the validator recognise it (its
/// value in escrow), gives it back, and checks the ledger shows it returned. A note read as
/// another value is put to the technician; a refused note fails.
struct GuidedNoteCheck: DiagnosticCheck {
    let unit: BillValidatorDiagnostics

    var role: DeviceRole? { .billValidator }
    var level: DiagnosticLevel { .interactive }
    var name: String { "guided note" }
    var timeout: Duration { self.unit.settleTimeout + self.unit.guidedWait + .seconds(90) }

    func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let status = await self.unit.settledStatus()
        if let unavailable = self.unit.unavailable(status) { return unavailable }
        let note = self.unit.guidedNote
        let cashIn: TestCashIn
        do {
            cashIn = try await TestCashIn.start(self.unit.validator, amountDue: note)
        } catch {
            return .failed(
                "the cash-in ledger cannot be read", availability: .hardwareError,
                faults: [ValidatorFault.ledgerUnwritable("\(error)").deviceFault])
        }
        let seconds = self.unit.guidedWait.components.seconds
        await context.prompter.instruct(
            "Insert a \(note.formatted(symbol: "￥")) note into the bill validator now; it will be read and given back (waiting up to \(seconds) s).")
        let observation = await cashIn.watch(for: self.unit.guidedWait) { !$0.escrowed.isEmpty || $0.refused > 0 }
        let lines = await cashIn.finish()
        let judged = await self.unit.verdict(observation, lines: lines, transaction: cashIn.transaction, passed: "")
        guard judged.verdict == .passed else { return judged }
        let now = await self.unit.validator.status
        guard let read = observation.escrowed.first else {
            if observation.refused > 0 {
                let reason = now.details["last-reject"] ?? "no reason given"
                return .failed(
                    "the validator refused the note (\(reason))", availability: now.availability,
                    faults: [
                        DeviceFault(
                            code: "note-refused", summary: "a note was inserted and refused: \(reason)",
                            remediation: Remediation(
                                .clear,
                                "try a clean, flat, genuine note; if genuine notes keep being refused, clean the validator's sensors and note path as its manual says"
                            ),
                            citizenNotice: BillValidatorDiagnostics.citizenNotice)
                    ])
            }
            return .failed(
                "no note was inserted within \(seconds) s", availability: now.availability,
                faults: [
                    DeviceFault(
                        code: "no-note-detected", summary: "the validator saw no note within \(seconds) s",
                        remediation: Remediation(
                            .clear,
                            "insert the note fully, in the direction the bezel shows, and run the check again; if notes are never drawn in, check the validator's entry sensor and power"
                        ),
                        citizenNotice: BillValidatorDiagnostics.citizenNotice)
                ])
        }
        var result = judged
        result.detail = "recognised \(read.formatted(symbol: "￥")) and gave it back (\(cashIn.transaction))"
        if read != note {
            switch await context.prompter.confirm("The validator read the note as \(read.formatted(symbol: "￥")). Is that the note you inserted?") {
            case true?:
                result.detail += "; the technician inserted that note"
            case false?:
                return .failed(
                    "the validator read a \(note) note as \(read)", availability: .hardwareError,
                    faults: [
                        DeviceFault(
                            code: "note-misread", summary: "the validator read the note as \(read)",
                            remediation: Remediation(
                                .maintenance, "the validator's dataset or sensors are wrong: have it recalibrated or its CNY dataset reloaded (ITL tools)"),
                            citizenNotice: BillValidatorDiagnostics.citizenNotice)
                    ])
            case nil:
                result.detail += "; not the note asked for, and nobody confirmed it"
            }
        }
        await context.prompter.instruct("Take the \(read.formatted(symbol: "￥")) note back from the validator.")
        return result
    }
}
