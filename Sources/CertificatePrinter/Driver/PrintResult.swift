import KioskCore

/// How a proof's print job ended.
public struct PrintResult: Hashable, Sendable, CustomStringConvertible {
    /// The end state.
    public enum Outcome: Hashable, Sendable {
        /// CUPS reported the job completed.
        case printed
        /// It did not print (or not completely).
        case failed(PrintFailure)
        /// It was cancelled because the session asked (``CertificatePrinterDriver/cancel(_:)``).
        case canceled
    }

    /// The transaction.
    public var transactionID: TransactionID
    /// The end state.
    public var outcome: Outcome
    /// The job's id at CUPS, if one was created.
    public var cupsJobID: Int32?
    /// The proof's page count (0 when it was never rendered).
    public var pageCount: Int
    /// An upper bound on how late the driver noticed the final state: the time from the start
    /// of the last poll that still saw the job unfinished to the poll that saw it finished.
    public var completionNoticeBound: Duration?

    /// The event to hand the session, if it still waits for one (not after its own cancel).
    public var sessionEvent: SessionEvent? {
        switch self.outcome {
        case .printed: .certificatePrinted(self.transactionID)
        case .failed(let failure): .certificatePrintFailed(self.transactionID, failure)
        case .canceled: nil
        }
    }

    public var description: String {
        let job = self.cupsJobID.map { " (CUPS job \($0))" } ?? ""
        switch self.outcome {
        case .printed: return "\(self.transactionID): printed \(self.pageCount) pages\(job)"
        case .failed(let failure): return "\(self.transactionID): failed\(job): \(failure.detail)"
        case .canceled: return "\(self.transactionID): cancelled\(job)"
        }
    }
}

/// Progress of a proof's job: pages the CUPS filter has passed on to the printer (CUPS counts
/// `job-impressions-completed` from its filter, not from the printer's output tray).
public struct PrintProgress: Hashable, Sendable {
    /// The transaction.
    public var transactionID: TransactionID
    /// Pages passed on.
    public var completed: Int
    /// Pages in the proof.
    public var total: Int

    /// The session event for it.
    public var sessionEvent: SessionEvent { .printProgress(self.transactionID, completed: self.completed, total: self.total) }
}

/// What reconciliation after a restart found for one unfinished job. It never resubmits.
public struct ReconciledJob: Hashable, Sendable, CustomStringConvertible {
    /// What became of it.
    public enum Resolution: Hashable, Sendable {
        /// CUPS says it completed while the daemon was down.
        case printed
        /// It never reached the printer (no CUPS job, or cancelled before printing).
        case notPrinted(String)
        /// It was still open and has now been cancelled; part of it may have come out.
        case canceled(mayHavePrintedPartially: Bool)
        /// It ended without printing (canceled or aborted at CUPS).
        case failed(String)
    }

    /// The transaction.
    public var transactionID: String
    /// The CUPS job, if one existed.
    public var cupsJobID: Int32?
    /// The resolution.
    public var resolution: Resolution

    /// Creates a resolution.
    public init(transactionID: String, cupsJobID: Int32?, resolution: Resolution) {
        self.transactionID = transactionID
        self.cupsJobID = cupsJobID
        self.resolution = resolution
    }

    public var description: String {
        let job = self.cupsJobID.map { "CUPS job \($0)" } ?? "no CUPS job"
        switch self.resolution {
        case .printed: return "\(self.transactionID) (\(job)): printed while the daemon was down"
        case .notPrinted(let why): return "\(self.transactionID) (\(job)): not printed: \(why)"
        case .canceled(let partial):
            return "\(self.transactionID) (\(job)): cancelled after restart\(partial ? "; pages may have come out" : "")"
        case .failed(let why): return "\(self.transactionID) (\(job)): failed: \(why)"
        }
    }
}
