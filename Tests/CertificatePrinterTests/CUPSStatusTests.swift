import CertificatePrinter
import DeviceKit
import Foundation
import KioskCore
import Simulators
import Testing

extension PrivateCUPSRigTests {
@Suite("Printer health from the private cupsd and ippeveprinter", .timeLimit(.minutes(3)))
struct CUPSStatusTests {
    @Test func aHealthyPrinterIsOnline() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        let status = try await rig.driver().refreshStatus()
        #expect(status.availability == .online, "\(status)")
        #expect(status.role == .certificatePrinter)
        #expect(status.details["device-uri"]?.contains(String(rig.cups.printerPort)) == true)
    }

    @Test func aStoppedQueueIsReported() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.admin("cupsdisable", ["-r", "technician on site", rig.cups.queue])
        let status = try await rig.driver().refreshStatus()
        #expect(status.availability == .offline, "\(status)")
        #expect(status.faults.first?.code == "queue-stopped")
        #expect(status.faults.first?.summary.contains("technician on site") == true)
        #expect(status.faults.first?.remediation.instruction.contains("cupsenable") == true)
    }

    @Test func aRejectingQueueIsReportedAndRefusesTheJob() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.admin("cupsreject", ["-r", "maintenance", rig.cups.queue])
        let driver = try rig.driver()
        let status = await driver.refreshStatus()
        #expect(status.faults.contains { $0.code == "queue-rejecting" }, "\(status)")
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        let result = await driver.print(job)
        guard case .failed(let failure) = result.outcome else { Issue.record("\(result)"); return }
        #expect(failure.detail.contains("not accepting jobs"), "\(failure)")
        #expect(!failure.mayHavePrintedPartially)
        #expect(await driver.record(of: job.transactionID)?.state == .failed)
        #expect(rig.cups.receivedDocuments().isEmpty)
    }

    @Test func paperOutIsSeenWhileTheQueueIsIdle() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setPaper(level: 0)
        let status = try await rig.driver().refreshStatus()
        #expect(status.availability == .userError, "\(status)")
        #expect(status.faults.first?.code == "paper-out")
        #expect(status.usability == .unusable(LocalizedText(zh: "证明打印机缺纸", en: "The document printer is out of paper")))
    }

    @Test func tonerLowIsAWarningWithItsLevel() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setSupplies(waste: 25, toner: 5)
        let status = try await rig.driver().refreshStatus()
        #expect(status.availability == .online, "\(status)")
        #expect(status.details["warnings"]?.contains("toner-low") == true, "\(status.details)")
        #expect(status.details.contains { $0.key.hasPrefix("supply") && $0.value == "5%" }, "\(status.details)")
    }

    @Test func aSwitchedOffPrinterIsOffline() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        rig.cups.stopPrinter()
        let status = try await rig.driver().refreshStatus()
        #expect(status.availability == .offline, "\(status)")
        #expect(status.faults.first?.code == "printer-offline")
    }

    @Test func aMissingQueueAndAMissingSchedulerAreNamed() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        var configuration = rig.configuration()
        configuration.queue = "NoSuchQueue"
        let missing = try CertificatePrinterDriver(
            configuration: configuration, journalPath: rig.journalPath, issuingKey: rig.key, kioskID: "HS-0001", issuingOffice: "x")
        #expect(await missing.refreshStatus().faults.first?.code == "queue-missing")
        configuration.server = rig.directory.appendingPathComponent("no-cupsd.sock").path
        let down = try CertificatePrinterDriver(
            configuration: configuration, journalPath: rig.journalPath, issuingKey: rig.key, kioskID: "HS-0001", issuingOffice: "x")
        #expect(await down.refreshStatus().faults.first?.code == "cups-unreachable")
    }
}

}

extension PrivateCUPSRigTests {
@Suite("Reconciling unfinished jobs after a restart", .timeLimit(.minutes(3)))
struct CUPSReconcileTests {
    @Test func aJobThatCompletedWhileTheDaemonWasDownIsConfirmed() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setEngine(.jam)
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        let first = try rig.driver()
        let printing = Task { await first.print(job) }
        let jobID = try await PrintRig.waitUntilSent(first, job.transactionID)
        printing.cancel()  // the daemon stops; its journal says "sent"
        _ = await printing.value
        try rig.cups.setEngine(.ok)
        try await Self.waitForOutput(rig)
        // cupsd records completion after the backend exits: wait until it lists the job completed.
        for _ in 0..<300 {
            let completed = try rig.cups.admin("lpstat", ["-W", "completed", "-o", rig.cups.queue], check: false).text
            if completed.contains("\(rig.cups.queue)-\(jobID) ") { break }
            try await Task.sleep(for: .milliseconds(100))
        }

        let restarted = try rig.driver()
        let resolved = try await restarted.reconcile()
        #expect(resolved == [ReconciledJob(transactionID: job.transactionID.description, cupsJobID: jobID, resolution: .printed)])
        #expect(await restarted.record(of: job.transactionID)?.state == .printed)
        #expect(try await restarted.reconcile().isEmpty)
        #expect(rig.cups.receivedDocuments().count == 1)
    }

    @Test func aJobLeftOpenByACupsdRestartIsCancelledNotResubmitted() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setEngine(.jam)
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        let first = try rig.driver()
        let printing = Task { await first.print(job) }
        let jobID = try await PrintRig.waitUntilSent(first, job.transactionID)
        printing.cancel()
        _ = await printing.value
        try rig.cups.restartScheduler()  // cupsd loses the job's document (PreserveJobFiles No)
        try rig.cups.setEngine(.ok)

        let restarted = try rig.driver()
        let resolved = try await restarted.reconcile()
        #expect(resolved.count == 1)
        #expect(resolved.first?.cupsJobID == jobID)
        guard case .canceled = resolved.first?.resolution else { Issue.record("\(resolved)"); return }
        #expect(await restarted.record(of: job.transactionID)?.state == .canceled)
        // Never resubmitted: the transaction is refused, and the printer got one job only.
        guard case .failed = await restarted.print(job).outcome else { Issue.record("printed again"); return }
        try await Task.sleep(for: .seconds(1))
        // At most the one copy the printer may have had before the restart; never a second.
        #expect(rig.cups.receivedDocuments().count <= 1)
    }

    static func waitForOutput(_ rig: PrintRig) async throws {
        for _ in 0..<200 where rig.cups.printedOutputs().isEmpty { try await Task.sleep(for: .milliseconds(50)) }
    }
}
}
