/// How the daemon reaches and drives the certificate printer.
public struct CertificatePrinterConfiguration: Hashable, Sendable {
    /// The CUPS scheduler: a Unix socket path (`/run/cups/cups.sock`) or `host:port`.
    public var server: String
    /// The queue (`KioskA4`, from the device profile).
    public var queue: String
    /// Options sent with every job.
    public var options: PrintOptions
    /// How long a job may take before the driver cancels it and reports a failure.
    public var jobTimeout: Duration
    /// How often the driver asks for the job's state (completion is noticed within this plus
    /// one request's round trip of CUPS recording it).
    public var pollInterval: Duration
    /// How often the printer itself is probed while a job runs.
    public var deviceProbeInterval: Duration
    /// How long a fault (paper out, jam, door open, offline) may last during a job before the
    /// driver cancels the job rather than keep the citizen waiting.
    public var faultTolerance: Duration
    /// The time allowed for the printer to answer a probe.
    public var deviceTimeout: Duration
    /// How often ``CertificatePrinterDriver/run()`` refreshes the status while idle.
    public var statusInterval: Duration
    /// The CJK font family for proofs.
    public var fontFamily: String
    /// The model from the device profile, reported in the status.
    public var model: String?

    /// Creates a configuration.
    public init(
        server: String, queue: String, options: PrintOptions = PrintOptions(), jobTimeout: Duration = .seconds(120),
        pollInterval: Duration = .milliseconds(50), deviceProbeInterval: Duration = .seconds(1), faultTolerance: Duration = .seconds(20),
        deviceTimeout: Duration = .seconds(3), statusInterval: Duration = .seconds(10), fontFamily: String = ProofRenderer.defaultFontFamily,
        model: String? = nil
    ) {
        self.server = server
        self.queue = queue
        self.options = options
        self.jobTimeout = jobTimeout
        self.pollInterval = pollInterval
        self.deviceProbeInterval = deviceProbeInterval
        self.faultTolerance = faultTolerance
        self.deviceTimeout = deviceTimeout
        self.statusInterval = statusInterval
        self.fontFamily = fontFamily
        self.model = model
    }
}
