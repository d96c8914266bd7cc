/// An IPP printer state (RFC 8011 §5.4.11, `printer-state`).
public enum PrinterState: Int32, Hashable, Sendable, CustomStringConvertible {
    /// Idle.
    case idle = 3
    /// Printing.
    case processing = 4
    /// Stopped (a CUPS queue: disabled with `cupsdisable`).
    case stopped = 5

    public var description: String {
        switch self {
        case .idle: "idle"
        case .processing: "processing"
        case .stopped: "stopped"
        }
    }
}

/// What a printer (the CUPS queue, or the device itself) says about its health.
public struct PrinterSnapshot: Hashable, Sendable {
    /// `printer-state`.
    public var state: PrinterState
    /// `printer-state-reasons`, as sent (with `-report`/`-warning`/`-error` suffixes).
    public var reasons: [String]
    /// `printer-state-message`.
    public var message: String
    /// `printer-is-accepting-jobs`.
    public var isAcceptingJobs: Bool
    /// `device-uri` (queues only, where the scheduler reveals it).
    public var deviceURI: String?
    /// `printer-make-and-model`.
    public var makeAndModel: String?
    /// Consumables (`marker-*`, or `printer-supply`).
    public var markers: [Marker]

    /// Creates a snapshot.
    public init(
        state: PrinterState, reasons: [String], message: String = "", isAcceptingJobs: Bool = true, deviceURI: String? = nil,
        makeAndModel: String? = nil, markers: [Marker] = []
    ) {
        self.state = state
        self.reasons = reasons
        self.message = message
        self.isAcceptingJobs = isAcceptingJobs
        self.deviceURI = deviceURI
        self.makeAndModel = makeAndModel
        self.markers = markers
    }
}

/// A consumable: toner, drum, waste container.
public struct Marker: Hashable, Sendable {
    /// Its name (`black toner`, `waste`).
    public var name: String
    /// Its type (`toner`, `waste-toner`), if known.
    public var type: String
    /// Its level in percent; negative values are IPP's "unknown" (-1) and "unavailable" (-2…-3).
    public var level: Int

    /// Creates a marker.
    public init(name: String, type: String, level: Int) {
        self.name = name
        self.type = type
        self.level = level
    }
}
