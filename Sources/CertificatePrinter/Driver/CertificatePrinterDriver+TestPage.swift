import DeviceKit
import KioskCore

/// How a test page's print job ended.
public struct TestPageResult: Hashable, Sendable, CustomStringConvertible {
    /// The end state.
    public enum Outcome: Hashable, Sendable {
        /// CUPS reported the job completed.
        case printed
        /// It did not print (or not completely); why, in a technician's words.
        case failed(String)
    }

    /// The end state.
    public var outcome: Outcome
    /// The job's id at CUPS, if one was created.
    public var cupsJobID: Int32?
    /// The size of the PDF sent.
    public var documentBytes: Int
    /// The printer's status that made the driver cancel the job (a fault that lasted), if any.
    public var faultStatus: DeviceStatus?

    public var description: String {
        let job = self.cupsJobID.map { "CUPS job \($0)" } ?? "no CUPS job"
        switch self.outcome {
        case .printed: return "test page printed (\(job), \(self.documentBytes) bytes)"
        case .failed(let reason): return "test page not printed (\(job)): \(reason)"
        }
    }
}

extension CertificatePrinterDriver {
    /// Renders a ``TestPage`` and prints it through CUPS like a proof (Create-Job, Send-Document,
    /// following the job to its end), but outside the print journal: it belongs to no
    /// transaction, and is never signed.
    ///
    /// A printer fault that lasts `faultTolerance` while the job waits, or a job older than
    /// ``CertificatePrinterConfiguration/jobTimeout``, cancels the job (so the page never comes
    /// out hours later) and fails. Cancelling the calling task cancels the job too.
    /// - Parameters:
    ///   - page: the page; by default one for this kiosk, now, on the configured queue.
    ///   - faultTolerance: how long a fault may last during the job (default: the configuration's).
    public func printTestPage(_ page: TestPage? = nil, faultTolerance: Duration? = nil) async -> TestPageResult {
        let configuration = self.configuration
        let page = page ?? TestPage(kioskID: self.kioskID, printedAt: .now(), queue: configuration.queue, model: configuration.model)
        let pdf: [UInt8]
        do {
            pdf = try self.renderer.render(page)
        } catch {
            return TestPageResult(outcome: .failed("test page not rendered: \(error)"), cupsJobID: nil, documentBytes: 0, faultStatus: nil)
        }
        let queue = configuration.queue
        let options = configuration.options
        let jobName = page.jobName
        let jobID: Int32
        do {
            jobID = try await self.worker.perform { connection throws(CUPSError) in
                let (destination, jobID) = try connection.createJob(queue: queue, title: jobName, options: options)
                do throws(CUPSError) {
                    try connection.sendDocument(pdf, to: destination, jobID: jobID, name: "\(jobName).pdf")
                } catch {
                    try? connection.cancelJob(queue: queue, jobID: jobID)
                    throw error
                }
                return jobID
            }
        } catch {
            return TestPageResult(outcome: .failed("\(error)"), cupsJobID: nil, documentBytes: pdf.count, faultStatus: nil)
        }
        let (outcome, fault) = await self.followTestPage(jobID: jobID, faultTolerance: faultTolerance ?? configuration.faultTolerance)
        return TestPageResult(outcome: outcome, cupsJobID: jobID, documentBytes: pdf.count, faultStatus: fault)
    }

    /// Polls the test page's job until it ends, probing the printer between polls.
    private func followTestPage(jobID: Int32, faultTolerance: Duration) async -> (TestPageResult.Outcome, DeviceStatus?) {
        let queue = self.configuration.queue
        let clock = ContinuousClock()
        let deadline = clock.now + self.configuration.jobTimeout
        var lastProbe = clock.now
        var faultSince: ContinuousClock.Instant?
        var cancelReason: String?
        var faultStatus: DeviceStatus?
        let cancel = { () async in
            _ = try? await self.worker.perform { connection throws(CUPSError) in try connection.cancelJob(queue: queue, jobID: jobID) }
        }
        while true {
            if Task.isCancelled {
                // Never leave the page queued to come out later; the caller no longer waits.
                await cancel()
                return (.failed("stopped before the page printed; job \(jobID) cancelled"), faultStatus)
            }
            let status: JobStatus
            do {
                status = try await self.worker.perform { connection throws(CUPSError) in try connection.jobStatus(queue: queue, jobID: jobID) }
            } catch {
                if clock.now >= deadline + .seconds(10) { return (.failed("lost track of job \(jobID): \(error)"), faultStatus) }
                try? await Task.sleep(for: self.configuration.pollInterval * 4)
                continue
            }
            if status.state.isTerminal {
                if status.state == .completed { return (.printed, nil) }
                let message = status.message.isEmpty ? "" : ": \(status.message)"
                return (.failed(cancelReason ?? "job \(jobID) \(status.state) at the printer\(message)"), faultStatus)
            }
            if cancelReason == nil {
                if clock.now - lastProbe >= self.configuration.deviceProbeInterval {
                    lastProbe = clock.now
                    let health = await self.refreshStatus()
                    if health.availability.isUsable {
                        faultSince = nil
                    } else if let since = faultSince, clock.now - since >= faultTolerance {
                        cancelReason = "printer fault: " + health.faults.map(\.summary).joined(separator: "; ")
                        faultStatus = health
                    } else if faultSince == nil {
                        faultSince = clock.now
                    }
                }
                if cancelReason == nil, clock.now >= deadline {
                    cancelReason = "not printed within \(self.configuration.jobTimeout)"
                }
                if cancelReason != nil { await cancel() }
            }
            if clock.now >= deadline + .seconds(30) {
                return (.failed("job \(jobID) still \(status.state)\(cancelReason.map { " after cancelling (\($0))" } ?? "")"), faultStatus)
            }
            try? await Task.sleep(for: self.configuration.pollInterval)
        }
    }
}
