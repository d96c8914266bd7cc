import COneTripCUPS

#if canImport(Glibc)
import Glibc
#endif

/// Job options sent with every proof (cups-printing.md §1.2–1.3).
public struct PrintOptions: Hashable, Sendable {
    /// `media`: A4 (`CUPS_MEDIA_A4`).
    public var media: String = "iso_a4_210x297mm"
    /// `sides`: one-sided unless the printer duplexes.
    public var sides: String = "one-sided"
    /// `copies`.
    public var copies: Int = 1
    /// `job-cancel-after` in seconds: CUPS cancels a job stuck this long, so a jammed printer
    /// never prints a citizen's proof an hour later.
    public var cancelAfterSeconds: Int = 120

    /// The defaults.
    public init() {}

    var pairs: [(String, String)] {
        [("media", self.media), ("sides", self.sides), ("copies", String(self.copies)), ("job-cancel-after", String(self.cancelAfterSeconds))]
    }
}

/// One queue, looked up on the connection: `cups_dest_t` and its `cups_dinfo_t`.
final class CUPSDestination {
    let dest: UnsafeMutablePointer<cups_dest_t>
    let info: OpaquePointer
    let queue: String

    init(connection: CUPSConnection, queue: String) throws(CUPSError) {
        guard let dest = cupsGetNamedDest(connection.http, queue, nil) else {
            if cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND { throw .queueNotFound(queue: queue, server: connection.server) }
            throw CUPSError.lastRequestFailure("looking up queue \(queue)")
        }
        guard let info = cupsCopyDestInfo(connection.http, dest) else {
            cupsFreeDests(1, dest)
            throw CUPSError.lastRequestFailure("reading the capabilities of \(queue)")
        }
        self.dest = dest
        self.info = info
        self.queue = queue
    }

    deinit {
        cupsFreeDestInfo(self.info)
        cupsFreeDests(1, self.dest)
    }
}

extension CUPSConnection {
    /// The IPP URI of a local queue, as cupsd names it.
    static func queueURI(_ queue: String) -> String { "ipp://localhost/printers/\(queue)" }

    /// Creates a job (IPP Create-Job) without sending its document, so the caller can journal
    /// the job id before any data reaches the printer.
    /// - Throws: ``CUPSError`` (not accepting jobs, unsupported option, queue missing).
    func createJob(queue: String, title: String, options: PrintOptions) throws(CUPSError) -> (CUPSDestination, Int32) {
        let destination = try CUPSDestination(connection: self, queue: queue)
        for (name, value) in options.pairs where name != "job-cancel-after" {
            guard cupsCheckDestSupported(self.http, destination.dest, destination.info, name, value) != 0 else {
                throw .unsupportedOption(queue: queue, option: name, value: value)
            }
        }
        var count: Int32 = 0
        var cOptions: UnsafeMutablePointer<cups_option_t>?
        for (name, value) in options.pairs { count = cupsAddOption(name, value, count, &cOptions) }
        defer { cupsFreeOptions(count, cOptions) }
        var jobID: Int32 = 0
        let status = cupsCreateDestJob(self.http, destination.dest, destination.info, &jobID, title, count, cOptions)
        guard status == IPP_STATUS_OK, jobID > 0 else {
            if status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS {
                throw .notAcceptingJobs(queue: queue, message: cupsLastErrorString().map { String(cString: $0) } ?? "")
            }
            throw CUPSError.lastRequestFailure("Create-Job on \(queue)")
        }
        return (destination, jobID)
    }

    /// Streams a PDF held in memory as the job's only document (Send-Document).
    func sendDocument(_ pdf: [UInt8], to destination: CUPSDestination, jobID: Int32, name: String) throws(CUPSError) {
        let start = cupsStartDestDocument(
            self.http, destination.dest, destination.info, jobID, name, CUPS_FORMAT_PDF, 0, nil, 1)
        guard start == HTTP_STATUS_CONTINUE else { throw .sendFailed(jobID: jobID, detail: "start: \(CUPSError.lastErrorMessage())") }
        let written = pdf.withUnsafeBytes { buffer in
            cupsWriteRequestData(self.http, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), buffer.count)
        }
        guard written == HTTP_STATUS_CONTINUE else {
            _ = cupsFinishDestDocument(self.http, destination.dest, destination.info)
            throw .sendFailed(jobID: jobID, detail: "write: \(CUPSError.lastErrorMessage())")
        }
        guard cupsFinishDestDocument(self.http, destination.dest, destination.info) == IPP_STATUS_OK else {
            throw .sendFailed(jobID: jobID, detail: "finish: \(CUPSError.lastErrorMessage())")
        }
    }

    /// Get-Job-Attributes for one job.
    func jobStatus(queue: String, jobID: Int32) throws(CUPSError) -> JobStatus {
        let request = IPPAttributes.request(IPP_OP_GET_JOB_ATTRIBUTES, printerURI: Self.queueURI(queue))
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", jobID)
        IPPAttributes.requestAttributes(
            request,
            ["job-state", "job-state-reasons", "job-state-message", "job-printer-state-reasons", "job-impressions-completed"])
        let response = try IPPAttributes.send(request, on: self.http, resource: "/jobs/", operation: "Get-Job-Attributes \(jobID)")
        defer { ippDelete(response) }
        return JobStatus(
            id: jobID, state: JobState(rawValue: Int32(IPPAttributes.integer(response, "job-state") ?? 3)) ?? .pending,
            reasons: IPPAttributes.strings(response, "job-state-reasons"), message: IPPAttributes.string(response, "job-state-message") ?? "",
            printerReasons: IPPAttributes.strings(response, "job-printer-state-reasons").filter { $0 != "none" },
            impressionsCompleted: IPPAttributes.integer(response, "job-impressions-completed"))
    }

    /// Cancels a job (Cancel-Job through `cupsCancelJob2`; cupsd forwards it to the printer).
    func cancelJob(queue: String, jobID: Int32) throws(CUPSError) {
        guard cupsCancelJob2(self.http, queue, jobID, 0) == IPP_STATUS_OK else {
            throw CUPSError.lastRequestFailure("Cancel-Job \(jobID)")
        }
    }

    /// Every job the queue remembers, finished or not (`cupsGetJobs2`, `CUPS_WHICHJOBS_ALL`).
    func jobs(queue: String) throws(CUPSError) -> [QueuedJob] {
        var jobs: UnsafeMutablePointer<cups_job_t>?
        let count = cupsGetJobs2(self.http, &jobs, queue, 0, CUPS_WHICHJOBS_ALL)
        defer { cupsFreeJobs(count, jobs) }
        guard count >= 0 else { throw CUPSError.lastRequestFailure("Get-Jobs on \(queue)") }
        guard let jobs else { return [] }
        return (0..<Int(count)).map { index in
            let job = jobs[index]
            return QueuedJob(
                id: job.id, title: job.title.map { String(cString: $0) } ?? "",
                state: JobState(rawValue: Int32(job.state.rawValue)) ?? .pending)
        }
    }
}
