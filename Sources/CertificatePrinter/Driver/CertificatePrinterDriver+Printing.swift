import DeviceKit
import KioskCore

extension CertificatePrinterDriver {
    /// Renders, signs and prints a proof, and follows the job until CUPS reports its end.
    ///
    /// The job id is journalled after Create-Job and before the document is sent, so a restart
    /// can always find the job; a transaction that already has a job is never submitted again.
    /// A fault that lasts longer than ``CertificatePrinterConfiguration/faultTolerance``, or a
    /// job that outlives ``CertificatePrinterConfiguration/jobTimeout``, is cancelled and
    /// reported as a failure, so the citizen is not kept waiting for a printer that needs a
    /// technician.
    /// - Parameters:
    ///   - job: the session's certificate job.
    ///   - issuedAt: the issue time printed and signed (now, unless a test fixes it).
    ///   - progress: called as CUPS passes pages on.
    /// - Returns: the outcome; never throws.
    public func print(
        _ job: CertificateJob, issuedAt: IssueTime = .now(), progress: (@Sendable (PrintProgress) -> Void)? = nil
    ) async -> PrintResult {
        let transaction = job.transactionID.description
        func failed(_ detail: String, jobID: Int32? = nil, pages: Int = 0, partial: Bool = false) -> PrintResult {
            PrintResult(
                transactionID: job.transactionID, outcome: .failed(PrintFailure(detail: detail, mayHavePrintedPartially: partial)),
                cupsJobID: jobID, pageCount: pages)
        }

        let rendered: RenderedProof
        do {
            let context = IssueContext(
                kioskID: self.kioskID, issuingOffice: self.issuingOffice, issuedAt: issuedAt, validityDays: self.validityDays)
            let document = try ProofDocument(job: job, context: context)
            rendered = try self.renderer.render(document, payload: try self.issuingKey.sign(document))
        } catch {
            return failed("proof not rendered: \(error)")
        }

        let queue = self.configuration.queue
        let jobName = Self.jobName(for: transaction)
        do {
            guard try self.journal.recordIntent(transaction, queue: queue, jobName: jobName, pages: rendered.pageCount) else {
                return failed("transaction \(transaction) already has a print job; a proof is never printed twice")
            }
        } catch {
            return failed("print journal unavailable, nothing sent: \(error)")
        }

        let options = self.configuration.options
        let jobID: Int32
        do {
            jobID = try await self.worker.perform { connection throws(CUPSError) in
                try connection.createJob(queue: queue, title: jobName, options: options).1
            }
        } catch {
            try? self.journal.record(transaction, state: .failed, detail: error.description)
            _ = await self.refreshStatus()
            return failed("printer not ready: \(error)", pages: rendered.pageCount)
        }
        do {
            try self.journal.recordCreated(transaction, jobID: jobID)
        } catch {
            _ = try? await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
            return failed("print journal unavailable; job \(jobID) cancelled before its document was sent: \(error)", jobID: jobID)
        }
        if self.cancelRequests.contains(transaction) {
            _ = try? await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
            return self.finish(job.transactionID, jobID: jobID, pages: rendered.pageCount, state: .canceled, detail: "cancelled before sending")
        }

        let pdf = rendered.pdf
        do {
            try await self.worker.perform { connection throws(CUPSError) in
                let destination = try CUPSDestination(connection: connection, queue: queue)
                try connection.sendDocument(pdf, to: destination, jobID: jobID, name: "\(jobName).pdf")
            }
            try? self.journal.record(transaction, state: .sent)
        } catch {
            _ = try? await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
            try? self.journal.record(transaction, state: .failed, detail: error.description)
            return failed("\(error)", jobID: jobID, pages: rendered.pageCount)
        }
        return await self.follow(job.transactionID, jobID: jobID, pages: rendered.pageCount, progress: progress)
    }

    /// Polls Get-Job-Attributes every ``CertificatePrinterConfiguration/pollInterval`` until the
    /// job is terminal, watching the printer itself between polls.
    func follow(
        _ transactionID: TransactionID, jobID: Int32, pages: Int, progress: (@Sendable (PrintProgress) -> Void)?
    ) async -> PrintResult {
        let transaction = transactionID.description
        let queue = self.configuration.queue
        let clock = ContinuousClock()
        let deadline = clock.now + self.configuration.jobTimeout
        var lastProbe = clock.now
        var faultSince: ContinuousClock.Instant?
        var previousPollStart: ContinuousClock.Instant?
        var reported = 0
        var sawProcessing = false
        var driverCancel: String?
        var lastError: CUPSError?

        while true {
            if Task.isCancelled {
                // The daemon is stopping: the job stays journalled as sent, and the next start's
                // reconcile() confirms or cancels it. Never resubmitted.
                return PrintResult(
                    transactionID: transactionID,
                    outcome: .failed(PrintFailure(detail: "the daemon stopped while job \(jobID) printed", mayHavePrintedPartially: true)),
                    cupsJobID: jobID, pageCount: pages)
            }
            let pollStart = clock.now
            let status: JobStatus
            do {
                status = try await self.worker.perform { connection throws(CUPSError) in try connection.jobStatus(queue: queue, jobID: jobID) }
                lastError = nil
            } catch {
                lastError = error
                if clock.now >= deadline + .seconds(10) {
                    return self.finish(
                        transactionID, jobID: jobID, pages: pages, state: .failed,
                        detail: "lost track of job \(jobID): \(error)", partial: sawProcessing)
                }
                try? await Task.sleep(for: self.configuration.pollInterval * 4)
                continue
            }
            if status.state.isTerminal {
                let bound = previousPollStart.map { clock.now - $0 }
                var result = self.conclude(
                    transactionID, status: status, pages: pages, sawProcessing: sawProcessing, driverCancel: driverCancel)
                result.completionNoticeBound = bound
                return result
            }
            previousPollStart = pollStart
            sawProcessing = sawProcessing || status.state == .processing
            if let completed = status.impressionsCompleted, completed > reported, let progress {
                reported = completed
                progress(PrintProgress(transactionID: transactionID, completed: min(completed, pages), total: pages))
            }
            let cancelled = self.cancelRequests.contains(transaction)
            if !cancelled, driverCancel == nil {
                if clock.now - lastProbe >= self.configuration.deviceProbeInterval {
                    lastProbe = clock.now
                    let health = await self.refreshStatus()
                    if health.availability.isUsable {
                        faultSince = nil
                    } else if let since = faultSince, clock.now - since >= self.configuration.faultTolerance {
                        driverCancel = "printer fault: " + health.faults.map(\.summary).joined(separator: "; ")
                    } else if faultSince == nil {
                        faultSince = clock.now
                    }
                }
                if clock.now >= deadline {
                    let printer = self.lastStatus.map { $0.faults.isEmpty ? "" : " (printer: \($0.faults.map(\.summary).joined(separator: "; ")))" }
                    driverCancel = "not printed within \(self.configuration.jobTimeout)\(printer ?? "")"
                }
                if driverCancel != nil {
                    _ = try? await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
                }
            }
            if clock.now >= deadline + .seconds(30) {
                // Cancel-Job sent but CUPS never finished the job: report it rather than hang.
                return self.finish(
                    transactionID, jobID: jobID, pages: pages, state: .failed,
                    detail: "job \(jobID) still \(status.state) after cancelling\(lastError.map { ": \($0)" } ?? "")", partial: sawProcessing)
            }
            try? await Task.sleep(for: self.configuration.pollInterval)
        }
    }

    /// Maps a terminal job state to the outcome. Only `completed` is success; `canceled` is the
    /// session's cancel, the driver's, or (CUPS 2.4) a failure at the device (cups-printing.md §1.4).
    private func conclude(
        _ transactionID: TransactionID, status: JobStatus, pages: Int, sawProcessing: Bool, driverCancel: String?
    ) -> PrintResult {
        let message = status.message.isEmpty ? "" : ": \(status.message)"
        switch status.state {
        case .completed:
            return self.finish(transactionID, jobID: status.id, pages: pages, state: .printed)
        case .canceled where self.cancelRequests.contains(transactionID.description):
            return self.finish(transactionID, jobID: status.id, pages: pages, state: .canceled, detail: "cancelled for the session")
        case .canceled:
            let detail = driverCancel ?? "job cancelled at the printer\(message)"
            return self.finish(transactionID, jobID: status.id, pages: pages, state: .failed, detail: detail, partial: sawProcessing)
        default:
            let detail = driverCancel ?? "job \(status.state)\(message)"
            return self.finish(transactionID, jobID: status.id, pages: pages, state: .failed, detail: detail, partial: sawProcessing)
        }
    }

    /// Journals a job's end and builds its result.
    func finish(
        _ transactionID: TransactionID, jobID: Int32, pages: Int, state: PrintJobRecord.State, detail: String = "", partial: Bool = false
    ) -> PrintResult {
        try? self.journal.record(transactionID.description, state: state, detail: detail)
        self.cancelRequests.remove(transactionID.description)
        let outcome: PrintResult.Outcome
        switch state {
        case .printed: outcome = .printed
        case .canceled: outcome = .canceled
        default: outcome = .failed(PrintFailure(detail: detail, mayHavePrintedPartially: partial))
        }
        return PrintResult(transactionID: transactionID, outcome: outcome, cupsJobID: jobID, pageCount: pages)
    }

    /// The journal's record of a transaction's job (for diagnostics and tests).
    public func record(of transactionID: TransactionID) -> PrintJobRecord? {
        try? self.journal.record(transactionID.description)
    }
}
