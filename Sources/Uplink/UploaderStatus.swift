import Foundation

/// What the uploader is doing, for the daemon's health view.
public struct UploaderStatus: Hashable, Sendable {
    /// The phase.
    public enum Phase: Hashable, Sendable {
        /// Nothing to send.
        case idle
        /// A batch is in flight.
        case uploading
        /// Waiting before retry `attempt` after failures.
        case backingOff(attempt: Int, until: Date)
        /// Stopped (graceful shutdown).
        case stopped
    }

    /// The phase.
    public var phase: Phase
    /// Failures in a row since the last success.
    public var consecutiveFailures: Int
    /// The last failure, in words.
    public var lastError: String?
    /// Seconds added to the kiosk clock for request timestamps, learnt from the back office
    /// after it refused a timestamp.
    public var clockOffset: Int64
    /// Records acknowledged since the uploader started.
    public var uploadedRecords: Int
    /// When the last batch was acknowledged.
    public var lastUploadAt: Date?
}

/// Progress of ``Uploader/flush(maxConsecutiveFailures:progress:)``.
public struct FlushProgress: Hashable, Sendable {
    /// Records acknowledged during this flush.
    public var uploaded: Int
    /// Sequence numbers still waiting (an upper bound: dropped telemetry leaves gaps).
    public var remaining: Int64
    /// Everything up to here is acknowledged.
    public var acknowledgedThrough: Int64
}

/// What one upload attempt did.
public enum BatchOutcome: Sendable {
    /// Nothing was waiting.
    case empty
    /// The back office acknowledged `records` records, up to `through`.
    case acknowledged(records: Int, through: Int64)
    /// The kiosk clock was corrected from the back office's answer; retry at once.
    case clockCorrected(offset: Int64)
    /// The attempt failed.
    case failed(UploadError)
}
