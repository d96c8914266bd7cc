/// An IPP job state (RFC 8011 §5.3.7, `job-state`).
public enum JobState: Int32, Hashable, Sendable, CustomStringConvertible {
    /// Waiting to print.
    case pending = 3
    /// Held.
    case held = 4
    /// Printing.
    case processing = 5
    /// Stopped (the queue or printer stopped mid-job).
    case stopped = 6
    /// Cancelled by a user, or (CUPS 2.4) failed at the device.
    case canceled = 7
    /// Aborted by the system.
    case aborted = 8
    /// Completed: the only success.
    case completed = 9

    /// Whether the job will not change any more.
    public var isTerminal: Bool { self.rawValue >= 7 }

    public var description: String {
        switch self {
        case .pending: "pending"
        case .held: "held"
        case .processing: "processing"
        case .stopped: "stopped"
        case .canceled: "canceled"
        case .aborted: "aborted"
        case .completed: "completed"
        }
    }
}

/// What Get-Job-Attributes says about a job.
public struct JobStatus: Hashable, Sendable {
    /// The job's id at the scheduler.
    public var id: Int32
    /// Its state.
    public var state: JobState
    /// `job-state-reasons` (on CUPS 2.4.2–2.4.7 successful jobs say `processing-to-stop-point`:
    /// never judge success from them, cups-printing.md §1.4).
    public var reasons: [String]
    /// `job-state-message`.
    public var message: String
    /// `job-printer-state-reasons`: the printer's reasons as they were for this job (CUPS).
    public var printerReasons: [String]
    /// `job-impressions-completed`: pages the filter produced, not pages printed.
    public var impressionsCompleted: Int?
}

/// One job in a queue's list (for reconciliation).
public struct QueuedJob: Hashable, Sendable {
    /// Its id.
    public var id: Int32
    /// Its name (the kiosk names jobs after the transaction).
    public var title: String
    /// Its state.
    public var state: JobState
}
