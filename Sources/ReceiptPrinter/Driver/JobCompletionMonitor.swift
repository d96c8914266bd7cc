/// Decides when a sent job has really been printed. Pure: bytes and clock ticks in, actions out.
///
/// After the job (which ends with its cut) the driver sends `GS r 1`. A printer answers it only
/// once it has processed everything before it (research A.9, [EPS-U220]), so its reply means the
/// receipt, cut included, is out. A printer that stops mid-job (paper end, cover opened, cutter
/// jam) goes offline and never answers `GS r` (research A.9, BT-532C manual), so while waiting the
/// monitor asks `DLE EOT 1` every poll interval; when the printer says it is offline it reads the
/// causes (`DLE EOT 2…4`) and ends the wait if the printer cannot go on.
///
/// Replies are told apart by pattern: `GS r` `0xx0xxxx`, `DLE EOT` `0xx1xx10`; XON/XOFF skipped.
struct JobCompletionMonitor {
    typealias Instant = ContinuousClock.Instant

    /// What the driver must do.
    enum Action: Equatable {
        /// Send these bytes.
        case send([UInt8])
        /// Stop waiting.
        case finish(Outcome)
    }

    /// How the wait ended.
    enum Outcome: Equatable {
        /// The printer answered `GS r`: the job is printed.
        case confirmed(paperNearEnd: Bool)
        /// The printer stopped with a fault.
        case stopped(ReceiptPrinterStatus)
        /// No confirmation before the job deadline; the last status read, if any.
        case timedOut(lastStatus: ReceiptPrinterStatus?)
    }

    private let deadline: Instant
    private let pollInterval: Duration
    private let statusTimeout: Duration
    private let pollsStatus: Bool
    private var nextPoll: Instant
    private var pending: RealTimeStatusRequest?
    private var queryDeadline: Instant
    private var replies: [UInt8] = []
    private var lastStatus: ReceiptPrinterStatus?
    private var isFinished = false

    /// Creates a monitor for a job whose last byte was just written at `start`.
    init(start: Instant, jobTimeout: Duration, pollInterval: Duration, statusTimeout: Duration, pollsStatus: Bool) {
        self.deadline = start + jobTimeout
        self.pollInterval = pollInterval
        self.statusTimeout = statusTimeout
        self.pollsStatus = pollsStatus
        self.nextPoll = start + pollInterval
        self.queryDeadline = start
    }

    /// When the driver should call ``tick(at:)`` if no byte arrives first.
    var wakeUp: Instant {
        guard self.pollsStatus else { return self.deadline }
        return min(self.deadline, self.pending == nil ? self.nextPoll : self.queryDeadline)
    }

    /// The first action: ask for the paper status behind the job.
    func start() -> [Action] { [.send(ESCPOSCommandBytes.transmitPaperStatus)] }

    /// A byte arrived.
    mutating func received(_ byte: UInt8, at now: Instant) -> [Action] {
        guard !self.isFinished, byte != 0x11, byte != 0x13 else { return [] }
        if StatusExchange.isTransmitStatusReply(byte) {
            // GS r 1: bits 0,1 = near end (0x03), bits 2,3 = paper end (0x0C) (research A.9).
            return self.finish(.confirmed(paperNearEnd: byte & 0x03 == 0x03))
        }
        guard ReceiptPrinterStatus.isRealTimeReply(byte), let request = self.pending else { return [] }
        if request == .printer {
            guard byte & 0x08 != 0 else {
                // Online: still printing. Ask again later.
                self.pending = nil
                self.nextPoll = now + self.pollInterval
                return []
            }
            self.replies = [byte]
            return self.ask(.offlineCause, at: now)
        }
        self.replies.append(byte)
        guard request == .paperSensor else {
            return self.ask(RealTimeStatusRequest(rawValue: request.rawValue + 1)!, at: now)
        }
        self.pending = nil
        self.nextPoll = now + self.pollInterval
        guard let status = try? ReceiptPrinterStatus(printer: self.replies[0], offlineCause: self.replies[1], errorCause: self.replies[2], paperSensor: self.replies[3]) else {
            return []
        }
        self.lastStatus = status
        return status.canPrint ? [] : self.finish(.stopped(status))
    }

    /// The wake-up time passed without a byte.
    mutating func tick(at now: Instant) -> [Action] {
        guard !self.isFinished else { return [] }
        if now >= self.deadline { return self.finish(.timedOut(lastStatus: self.lastStatus)) }
        guard self.pollsStatus else { return [] }
        if self.pending != nil, now < self.queryDeadline { return [] }
        if self.pending == nil, now < self.nextPoll { return [] }
        // Either time to poll, or the last query went unanswered: start over with DLE EOT 1.
        return self.ask(.printer, at: now)
    }

    private mutating func ask(_ request: RealTimeStatusRequest, at now: Instant) -> [Action] {
        self.pending = request
        self.queryDeadline = now + self.statusTimeout
        return [.send(ESCPOSCommandBytes.realTimeStatus(request))]
    }

    private mutating func finish(_ outcome: Outcome) -> [Action] {
        self.isFinished = true
        return [.finish(outcome)]
    }
}
