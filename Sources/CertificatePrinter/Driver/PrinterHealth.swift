/// What the driver learned about the certificate printer in one look: the CUPS queue's own
/// state, and the state the printer itself reports over IPP.
public struct PrinterHealth: Sendable {
    /// The queue's name.
    public var queue: String
    /// The queue's answer, or why there was none.
    public var queueSnapshot: Result<PrinterSnapshot, CUPSError>
    /// The device's answer, or why there was none; `nil` when the queue names no IPP device.
    public var deviceSnapshot: Result<PrinterSnapshot, CUPSError>?
    /// The model from the device profile, if known.
    public var model: String?

    /// Creates a health reading.
    public init(
        queue: String, queueSnapshot: Result<PrinterSnapshot, CUPSError>, deviceSnapshot: Result<PrinterSnapshot, CUPSError>?,
        model: String? = nil
    ) {
        self.queue = queue
        self.queueSnapshot = queueSnapshot
        self.deviceSnapshot = deviceSnapshot
        self.model = model
    }
}

/// An IPP `printer-state-reasons` keyword split into keyword and severity (RFC 8011 §5.4.12:
/// a reason without a suffix is an error).
struct StateReason: Hashable, Sendable {
    enum Severity: Hashable, Sendable {
        case report
        case warning
        case error
    }

    var keyword: String
    var severity: Severity

    init(_ raw: String) {
        for (suffix, severity) in [("-report", Severity.report), ("-warning", .warning), ("-error", .error)] where raw.hasSuffix(suffix) {
            self.keyword = String(raw.dropLast(suffix.count))
            self.severity = severity
            return
        }
        self.keyword = raw
        self.severity = .error
    }
}
