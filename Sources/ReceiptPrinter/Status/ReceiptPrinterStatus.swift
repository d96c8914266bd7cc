/// A receipt printer's state, read from the four real-time status replies `DLE EOT 1…4`.
///
/// Bit meanings (research escpos-essp-payment.md A.9, from [RS] status.rs, [NODE] statuses.ts,
/// [CIT] CT-S2000 / PPU-700 and [EPS-L60]); every reply has the fixed pattern `0xx1xx10`:
///
/// | n | bit 2 | bit 3 | bit 5 | bit 6 |
/// |---|---|---|---|---|
/// | 1 printer | drawer pin 3 | **offline** | waiting for online recovery | feed button pressed |
/// | 2 offline cause | **cover open** | paper fed by button | **stopped by paper end** | **error** |
/// | 3 error cause | recoverable (mechanical) | **auto-cutter** | **unrecoverable** | auto-recoverable |
/// | 4 paper sensor | 2+3: **near end** | | 5+6: **paper end** | |
public struct ReceiptPrinterStatus: Hashable, Sendable, CustomStringConvertible {
    /// The paper roll.
    public enum Paper: String, Hashable, Sendable {
        /// Enough paper.
        case ok
        /// The near-end sensor sees the roll running low: printing still works.
        case nearEnd = "near-end"
        /// No paper: the printer stops.
        case out
    }

    /// Whether the printer is online (DLE EOT 1 bit 3 clear).
    public var isOnline: Bool
    /// The paper roll (DLE EOT 4, and DLE EOT 2 bit 5).
    public var paper: Paper
    /// Whether the cover is open (DLE EOT 2 bit 2).
    public var isCoverOpen: Bool
    /// Whether the auto-cutter failed, usually a jam (DLE EOT 3 bit 3).
    public var hasCutterError: Bool
    /// Whether an unrecoverable error occurred (DLE EOT 3 bit 5).
    public var hasUnrecoverableError: Bool
    /// Whether an error that clears itself occurred, such as head over-temperature (DLE EOT 3 bit 6).
    public var hasAutoRecoverableError: Bool
    /// Whether a recoverable mechanical error occurred (DLE EOT 3 bit 2; model-specific).
    public var hasMechanicalError: Bool
    /// Whether paper is being fed with the FEED button (DLE EOT 2 bit 3).
    public var isFeedingByButton: Bool

    /// Creates a status.
    public init(
        isOnline: Bool = true, paper: Paper = .ok, isCoverOpen: Bool = false, hasCutterError: Bool = false, hasUnrecoverableError: Bool = false,
        hasAutoRecoverableError: Bool = false, hasMechanicalError: Bool = false, isFeedingByButton: Bool = false
    ) {
        self.isOnline = isOnline
        self.paper = paper
        self.isCoverOpen = isCoverOpen
        self.hasCutterError = hasCutterError
        self.hasUnrecoverableError = hasUnrecoverableError
        self.hasAutoRecoverableError = hasAutoRecoverableError
        self.hasMechanicalError = hasMechanicalError
        self.isFeedingByButton = isFeedingByButton
    }

    /// Whether a reply byte has the fixed DLE EOT pattern `0xx1xx10` (bits 1 and 4 set, 0 and 7
    /// clear; [RS] `is_pattern_valid`, [PYE] `_check_valid_response`).
    public static func isRealTimeReply(_ byte: UInt8) -> Bool { byte & 0x93 == 0x12 }

    /// Decodes the replies to `DLE EOT 1`, `2`, `3` and `4`.
    /// - Throws: ``ReceiptPrinterStatusError/malformedReply(request:byte:)`` when a byte does not
    ///   have the DLE EOT pattern (a reply to something else, or line noise).
    public init(printer: UInt8, offlineCause: UInt8, errorCause: UInt8, paperSensor: UInt8) throws(ReceiptPrinterStatusError) {
        for (request, byte) in zip(RealTimeStatusRequest.allCases, [printer, offlineCause, errorCause, paperSensor])
        where !Self.isRealTimeReply(byte) {
            throw .malformedReply(request: request, byte: byte)
        }
        func bit(_ byte: UInt8, _ index: UInt8) -> Bool { byte & (1 << index) != 0 }
        let paperEnd = bit(paperSensor, 5) && bit(paperSensor, 6)
        let nearEnd = bit(paperSensor, 2) && bit(paperSensor, 3)
        self.init(
            isOnline: !bit(printer, 3),
            paper: paperEnd || bit(offlineCause, 5) ? .out : nearEnd ? .nearEnd : .ok,
            isCoverOpen: bit(offlineCause, 2),
            hasCutterError: bit(errorCause, 3),
            hasUnrecoverableError: bit(errorCause, 5),
            hasAutoRecoverableError: bit(errorCause, 6),
            hasMechanicalError: bit(errorCause, 2),
            isFeedingByButton: bit(offlineCause, 3))
    }

    /// Whether a job sent now would print.
    public var canPrint: Bool {
        self.isOnline && self.paper != .out && !self.isCoverOpen && !self.hasCutterError && !self.hasUnrecoverableError
            && !self.hasAutoRecoverableError && !self.hasMechanicalError
    }

    public var description: String {
        var parts = [self.isOnline ? "online" : "offline", "paper \(self.paper.rawValue)"]
        if self.isCoverOpen { parts.append("cover open") }
        if self.hasCutterError { parts.append("cutter error") }
        if self.hasUnrecoverableError { parts.append("unrecoverable error") }
        if self.hasAutoRecoverableError { parts.append("auto-recoverable error") }
        if self.hasMechanicalError { parts.append("mechanical error") }
        if self.isFeedingByButton { parts.append("feeding by button") }
        return parts.joined(separator: ", ")
    }
}

/// A status reply that could not be understood.
public enum ReceiptPrinterStatusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A reply byte without the `0xx1xx10` pattern.
    case malformedReply(request: RealTimeStatusRequest, byte: UInt8)

    public var description: String {
        switch self {
        case .malformedReply(let request, let byte):
            "the reply 0x\(String(byte, radix: 16, uppercase: true)) to DLE EOT \(request.rawValue) is not a status byte (pattern 0xx1xx10); check the baud rate and that the device is an ESC/POS printer"
        }
    }
}
