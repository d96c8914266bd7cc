import DeviceKit
import Foundation
import KioskCore

/// The certificate printer's driver: renders a proof, submits it to CUPS from memory, follows
/// the job to its end, cancels it for an aborted session, reconciles jobs after a restart, and
/// reports the printer's health.
///
/// ```swift
/// let printer = try CertificatePrinterDriver(configuration: config, journalPath: dbPath, issuingKey: key,
///                                            kioskID: "HS-0001", issuingOffice: "宁波市公安局海曙分局")
/// for job in try await printer.reconcile() { journal(job) }      // at start, before any new job
/// let result = await printer.print(job) { progress in session.handle(progress.sessionEvent) }
/// if let event = result.sessionEvent { session.handle(event) }
/// ```
///
/// Every libcups call runs on the driver's own CUPS thread (``CUPSWorker``); the actor only
/// waits for results, so it never blocks the cooperative pool.
public actor CertificatePrinterDriver {
    /// The configuration.
    public let configuration: CertificatePrinterConfiguration
    /// The kiosk's id, printed on proofs.
    public let kioskID: String
    /// The office proofs are issued in the name of.
    public let issuingOffice: String
    /// Days each kind of proof stays valid.
    public let validityDays: [DocumentTemplate: Int]

    let worker: CUPSWorker
    let probeWorker: CUPSWorker
    let journal: PrintJobJournal
    let renderer: ProofRenderer
    let issuingKey: IssuingKey
    var cancelRequests: Set<String> = []
    var lastStatus: DeviceStatus?
    var subscribers: [UUID: AsyncStream<DeviceStatus>.Continuation] = [:]

    /// Creates the driver; nothing is sent to CUPS until the first call.
    /// - Parameters:
    ///   - journalPath: the SQLite file the print journal lives in (migration domain `print`).
    ///   - issuingKey: the kiosk's proof signing key.
    /// - Throws: ``ProofError/fontUnavailable(requested:resolved:)`` when the proof font is
    ///   missing, ``OneTripSQLite/SQLiteError`` when the journal cannot be opened.
    public init(
        configuration: CertificatePrinterConfiguration, journalPath: String, issuingKey: IssuingKey, kioskID: String,
        issuingOffice: String, validityDays: [DocumentTemplate: Int] = [:]
    ) throws {
        self.configuration = configuration
        self.kioskID = kioskID
        self.issuingOffice = issuingOffice
        self.validityDays = validityDays
        self.issuingKey = issuingKey
        self.journal = try PrintJobJournal(path: journalPath)
        self.renderer = try ProofRenderer(fontFamily: configuration.fontFamily)
        self.worker = CUPSWorker(server: configuration.server)
        self.probeWorker = CUPSWorker(server: configuration.server)
    }

    deinit {
        self.worker.stop()
        self.probeWorker.stop()
        for continuation in self.subscribers.values { continuation.finish() }
    }

    /// The name a transaction's job has at CUPS (no personal data: the transaction number).
    public static func jobName(for transaction: String) -> String { "proof-\(transaction)" }

    /// Cancels the proof job of a transaction (the session was aborted or gave up waiting).
    /// The running ``print(_:issuedAt:progress:)`` call then returns `.canceled`.
    /// - Returns: whether a job was open and a Cancel-Job was sent.
    @discardableResult
    public func cancel(_ transactionID: TransactionID) async -> Bool {
        let transaction = transactionID.description
        guard let record = try? self.journal.record(transaction), [.submitting, .created, .sent].contains(record.state) else {
            return false
        }
        self.cancelRequests.insert(transaction)
        guard let jobID = record.cupsJobID else { return true }
        let queue = self.configuration.queue
        do {
            try await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
            return true
        } catch {
            return false
        }
    }

    /// A stream of the printer's status: the current one first (once known), then every change.
    public func statusUpdates() -> AsyncStream<DeviceStatus> {
        let (stream, continuation) = AsyncStream<DeviceStatus>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        self.subscribers[id] = continuation
        if let lastStatus { continuation.yield(lastStatus) }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) { self.subscribers[id] = nil }

    func publish(_ status: DeviceStatus) {
        guard status != self.lastStatus else { return }
        self.lastStatus = status
        for continuation in self.subscribers.values { continuation.yield(status) }
    }

    /// Refreshes the status every ``CertificatePrinterConfiguration/statusInterval`` until the
    /// calling task is cancelled (run it as one of the daemon's services).
    public func run() async {
        while !Task.isCancelled {
            _ = await self.refreshStatus()
            try? await Task.sleep(for: self.configuration.statusInterval)
        }
    }
}
