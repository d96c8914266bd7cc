extension CertificatePrinterDriver {
    /// Settles every job the journal left unfinished (the daemon stopped mid-job): a job CUPS
    /// completed is confirmed, an open one is cancelled, and nothing is ever resubmitted, so a
    /// proof is never printed twice. Call it at start, before the first ``print(_:issuedAt:progress:)``.
    ///
    /// A job cupsd itself lost in a restart stays `pending` with its document gone
    /// (`PreserveJobFiles No`, cups-printing.md §1.4 scenario R); it is cancelled too.
    /// - Returns: one resolution per unfinished job, for the daemon to journal (a paid proof
    ///   that did not print needs a voucher or staff).
    /// - Throws: ``CUPSError`` when cupsd cannot be asked; the jobs stay unfinished for the next try.
    public func reconcile() async throws(CUPSError) -> [ReconciledJob] {
        let records: [PrintJobRecord]
        do {
            records = try self.journal.unfinished()
        } catch {
            throw .requestFailed(operation: "reading the print journal", status: 0, message: "\(error)")
        }
        var resolved: [ReconciledJob] = []
        for record in records {
            let queue = record.queue
            var jobID = record.cupsJobID
            if jobID == nil {
                // Stopped between Create-Job and journalling the id: find the job by its name.
                let name = record.jobName
                let jobs = try await self.worker.perform { connection throws(CUPSError) in try connection.jobs(queue: queue) }
                jobID = jobs.filter { $0.title == name }.map(\.id).max()
            }
            guard let jobID else {
                try? self.journal.record(record.transactionID, state: .failed, detail: "never reached CUPS (found after restart)")
                resolved.append(ReconciledJob(transactionID: record.transactionID, cupsJobID: nil, resolution: .notPrinted("never reached CUPS")))
                continue
            }
            let status = try await self.worker.perform { connection throws(CUPSError) in try connection.jobStatus(queue: queue, jobID: jobID) }
            let resolution: ReconciledJob.Resolution
            switch status.state {
            case .completed:
                resolution = .printed
                try? self.journal.record(record.transactionID, state: .printed, detail: "completed while the daemon was down")
            case .canceled, .aborted:
                let why = "job \(status.state) while the daemon was down\(status.message.isEmpty ? "" : ": \(status.message)")"
                resolution = .failed(why)
                try? self.journal.record(record.transactionID, state: .failed, detail: why)
            case .pending, .held, .processing, .stopped:
                try await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
                let partial = status.state == .processing || status.state == .stopped
                resolution = record.state == .sent || partial ? .canceled(mayHavePrintedPartially: partial) : .notPrinted("cancelled before its document was sent")
                try? self.journal.record(record.transactionID, state: .canceled, detail: "cancelled after restart (was \(status.state))")
            }
            resolved.append(ReconciledJob(transactionID: record.transactionID, cupsJobID: jobID, resolution: resolution))
        }
        return resolved
    }
}
