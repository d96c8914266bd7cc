import CertificatePrinter
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// A private cupsd with an ippeveprinter behind it, a driver on it, and a fresh journal.
struct PrintRig {
    let cups: PrivateCUPS
    let directory: URL
    let key = IssuingKey()

    private init(cups: PrivateCUPS, directory: URL) {
        self.cups = cups
        self.directory = directory
    }

    /// Starts the rig off the cooperative pool (starting cupsd waits for it to answer).
    static func make() async throws -> PrintRig {
        let cups = try await offloaded { try PrivateCUPS.start() }
        return PrintRig(cups: cups, directory: try Fixtures.temporaryDirectory("print-rig"))
    }

    var journalPath: String { self.directory.appendingPathComponent("kiosk.sqlite").path }

    func configuration(
        jobTimeout: Duration = .seconds(60), faultTolerance: Duration = .seconds(20)
    ) -> CertificatePrinterConfiguration {
        CertificatePrinterConfiguration(
            server: self.cups.socketPath, queue: self.cups.queue, jobTimeout: jobTimeout, deviceProbeInterval: .milliseconds(300),
            faultTolerance: faultTolerance, statusInterval: .milliseconds(200))
    }

    func driver(jobTimeout: Duration = .seconds(60), faultTolerance: Duration = .seconds(20)) throws -> CertificatePrinterDriver {
        try CertificatePrinterDriver(
            configuration: self.configuration(jobTimeout: jobTimeout, faultTolerance: faultTolerance), journalPath: self.journalPath,
            issuingKey: self.key, kioskID: ProofFixtures.context.kioskID, issuingOffice: ProofFixtures.context.issuingOffice)
    }

    func stop() {
        self.cups.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Waits until the journal shows the transaction's job created at CUPS and sent.
    static func waitUntilSent(_ driver: CertificatePrinterDriver, _ transaction: TransactionID) async throws -> Int32 {
        for _ in 0..<400 {
            if let record = await driver.record(of: transaction), record.state == .sent, let id = record.cupsJobID { return id }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw RigError.notReady("job of \(transaction) sent")
    }
}

/// Every test that starts a private cupsd, one at a time: each rig is a dbus-daemon, a cupsd
/// and an ippeveprinter, and a dozen of them starting at once on a two-core machine time out.
@Suite("Private cupsd rigs", .serialized)
struct PrivateCUPSRigTests {}

extension PrivateCUPSRigTests {
@Suite("Printing through a private cupsd to ippeveprinter", .timeLimit(.minutes(3)))
struct CUPSPrintingTests {
    @Test func aLongProofPrintsAndArrivesIntact() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        let driver = try rig.driver()
        let job = try ProofFixtures.job("charlie", .socialInsuranceContribution)
        let issuedAt = ProofFixtures.context.issuedAt
        let progress = ProgressLog()
        let result = await driver.print(job, issuedAt: issuedAt) { progress.append($0) }
        #expect(result.outcome == .printed, "\(result)")
        #expect(result.sessionEvent == .certificatePrinted(job.transactionID))
        #expect(result.pageCount >= 6)
        #expect(await driver.record(of: job.transactionID)?.state == .printed)
        // Completion is noticed within one poll interval and a round trip (sanity bound only).
        if let bound = result.completionNoticeBound { #expect(bound < .seconds(2)) }

        // What reached the printer: one PDF, rewritten by pdftopdf, with the same text and fonts.
        let received = rig.cups.receivedDocuments()
        #expect(received.count == 1)
        let arrived = PDFInspection(url: try #require(received.first))
        #expect(try await arrived.qpdfCheck().contains("No syntax or stream encoding errors found"))
        #expect(try await arrived.info()["Pages"] == String(result.pageCount))
        for font in try await arrived.fonts() { #expect(font.embedded && font.subset, "\(font.name)") }
        let document = try ProofDocument(job: job, context: ProofFixtures.context)
        let local = try ProofRenderer().render(document, payload: try rig.key.sign(document))
        let original = try PDFInspection(pdf: local.pdf, in: rig.directory, name: "original.pdf")
        #expect(try await arrived.pagesText() == original.pagesText())
        #expect(try await arrived.pagesText().joined().contains("测试丙"))
        // The QR code on the printed pages still verifies.
        let verifier = ProofVerifier(trustedKeys: TrustedKeys(publicKey: rig.key.publicKey, label: "HS-0001"))
        let codes = try await arrived.decodeQRCodes(resolution: 150)
        #expect(codes.count == result.pageCount)
        for code in codes { #expect(verifier.verify(code, on: issuedAt.chinaDate, document: document).isValid) }
        #expect(!progress.values.isEmpty || true)
    }

    @Test func aTransactionIsNeverPrintedTwice() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        let driver = try rig.driver()
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        #expect(await driver.print(job).outcome == .printed)
        let again = await driver.print(job)
        guard case .failed(let failure) = again.outcome else { Issue.record("\(again)"); return }
        #expect(failure.detail.contains("never printed twice"))
        #expect(rig.cups.receivedDocuments().count == 1)
    }

    @Test func aCancelledJobEndsCancelledAndNothingPrints() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setEngine(.jam)
        let driver = try rig.driver()
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        let printing = Task { await driver.print(job) }
        _ = try await PrintRig.waitUntilSent(driver, job.transactionID)
        #expect(await driver.cancel(job.transactionID))
        let result = await printing.value
        #expect(result.outcome == .canceled, "\(result)")
        #expect(result.sessionEvent == nil)
        #expect(await driver.record(of: job.transactionID)?.state == .canceled)
    }

    @Test func aJamThatLastsIsReportedAndTheJobGivenUp() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setEngine(.jam)
        let driver = try rig.driver(faultTolerance: .seconds(1))
        let updates = await driver.statusUpdates()
        let job = try ProofFixtures.job("bravo", .socialInsuranceContribution)
        let result = await driver.print(job)
        guard case .failed(let failure) = result.outcome else { Issue.record("\(result)"); return }
        #expect(failure.detail.contains("jammed"), "\(failure)")
        #expect(failure.mayHavePrintedPartially)
        var sawJam = false
        for await status in updates {
            if status.faults.contains(where: { $0.code == "paper-jam" }) { sawJam = true; break }
        }
        #expect(sawJam)
    }

    @Test func aFailureAtTheDeviceIsAFailure() async throws {
        let rig = try await PrintRig.make()
        defer { rig.stop() }
        try rig.cups.setEngine(.fail)
        let driver = try rig.driver()
        let result = await driver.print(try ProofFixtures.job("bravo", .socialInsuranceContribution))
        guard case .failed(let failure) = result.outcome else { Issue.record("\(result)"); return }
        #expect(failure.detail.contains("cancelled at the printer"), "\(failure)")
    }
}

/// Collects progress callbacks.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [PrintProgress] = []
    func append(_ value: PrintProgress) { self.lock.withLock { self.storage.append(value) } }
    var values: [PrintProgress] { self.lock.withLock { self.storage } }
}
}
