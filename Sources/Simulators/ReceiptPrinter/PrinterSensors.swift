/// The simulated printer's sensors and faults, which a test or technician sets, and the status
/// bytes they produce.
public struct PrinterSensors: Hashable, Sendable, CustomStringConvertible {
    /// The paper roll.
    public enum Paper: String, Hashable, Sendable {
        case ok
        case nearEnd = "near-end"
        case out
    }

    /// The paper roll.
    public var paper: Paper = .ok
    /// Printed lines left before the roll runs out mid-job (`nil`: it does not run out).
    public var linesUntilPaperOut: Int?
    /// Whether the cover is open.
    public var isCoverOpen = false
    /// Whether the auto-cutter is in error (jammed).
    public var hasCutterError = false
    /// Whether the next cut jams the cutter.
    public var jamsAtNextCut = false
    /// Whether an unrecoverable error occurred.
    public var hasUnrecoverableError = false
    /// Whether the printer answers nothing at all (hung firmware, broken receive line).
    public var isSilent = false

    /// Creates sensors in the all-good state.
    public init() {}

    /// Whether the printer has stopped (paper end, cover open, errors: research A.10 "paper end or
    /// cover open makes the printer offline and stops printing").
    public var isOffline: Bool { self.paper == .out || self.isCoverOpen || self.hasCutterError || self.hasUnrecoverableError }

    /// The reply to `DLE EOT n`, or `nil` for an n the printer does not answer.
    ///
    /// Bits per research A.9 (fixed pattern `0xx1xx10` = `0x12`): n=1 bit 3 offline, bit 5
    /// waiting for online recovery; n=2 bit 2 cover open, bit 5 paper-end stop, bit 6 error;
    /// n=3 bit 3 auto-cutter error, bit 5 unrecoverable; n=4 bits 2+3 near end, bits 5+6 paper end.
    public func realTimeReply(_ n: UInt8) -> UInt8? {
        let isError = self.hasCutterError || self.hasUnrecoverableError
        switch n {
        case 1: return 0x12 | (self.isOffline ? 0x08 : 0) | (self.hasCutterError ? 0x20 : 0)
        case 2: return 0x12 | (self.isCoverOpen ? 0x04 : 0) | (self.paper == .out ? 0x20 : 0) | (isError ? 0x40 : 0)
        case 3: return 0x12 | (self.hasCutterError ? 0x08 : 0) | (self.hasUnrecoverableError ? 0x20 : 0)
        case 4: return 0x12 | (self.paper != .ok ? 0x0C : 0) | (self.paper == .out ? 0x60 : 0)
        default: return nil
        }
    }

    /// The reply to `GS r 1`: bits 0,1 near end, bits 2,3 paper end (research A.9).
    public var paperSensorReply: UInt8 { (self.paper != .ok ? 0x03 : 0) | (self.paper == .out ? 0x0C : 0) }

    /// The four Automatic Status Back bytes (research A.9): printer (`0xx1xx00`, bit 3 offline,
    /// bit 5 cover open), errors (bit 3 cutter, bit 5 unrecoverable), paper (0x03 near end,
    /// 0x0C paper end), reserved.
    public var automaticStatusBack: [UInt8] {
        [
            0x10 | (self.isOffline ? 0x08 : 0) | (self.isCoverOpen ? 0x20 : 0),
            (self.hasCutterError ? 0x08 : 0) | (self.hasUnrecoverableError ? 0x20 : 0),
            self.paperSensorReply,
            0x00,
        ]
    }

    public var description: String {
        var parts = [self.isOffline ? "offline" : "online", "paper=\(self.paper.rawValue)", "cover=\(self.isCoverOpen ? "open" : "closed")"]
        parts.append("cutter=\(self.hasCutterError ? "error" : self.jamsAtNextCut ? "jams-next-cut" : "ok")")
        if self.hasUnrecoverableError { parts.append("unrecoverable-error") }
        if let lines = self.linesUntilPaperOut { parts.append("paper-out-after=\(lines)") }
        if self.isSilent { parts.append("silent") }
        return parts.joined(separator: " ")
    }
}
