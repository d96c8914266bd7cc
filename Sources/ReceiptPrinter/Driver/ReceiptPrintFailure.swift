import DeviceKit
import KioskCore

/// Why a receipt did not print, and whether any of it may have come out.
///
/// Failures before the first byte of the job is written (``mayHavePrintedPartially`` false) left
/// the printer untouched: the receipt can simply be printed again once the fault is cleared.
/// Failures after it (true) may have left a partial receipt in the printer's mouth, and a real
/// printer may print the rest of the job by itself once paper is loaded or the cover is closed.
public enum ReceiptPrintFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The document cannot be encoded for this printer (nothing sent).
    case unencodable(ReceiptEncodingError)
    /// The printer could not be reached: no device node, refused or timed-out connection,
    /// or the link dropped while checking status (nothing sent).
    case unreachable(TransportError)
    /// The printer did not answer the status check before the job (nothing sent).
    case noStatusReply(String)
    /// The printer answered the status check with bytes that are not status (nothing sent).
    case malformedStatusReply(String)
    /// The status check found a fault: paper out, cover open, cutter jam… (nothing sent).
    case notReady(ReceiptPrinterStatus)
    /// The connection broke while or after the job was sent.
    case connectionLost(TransportError)
    /// The printer stopped during the job with a fault.
    case stopped(ReceiptPrinterStatus)
    /// The job was sent but the printer never confirmed printing it.
    case unconfirmed(String)

    /// Whether part of the receipt may have been printed (the session tells the citizen to
    /// take or hand back what came out).
    public var mayHavePrintedPartially: Bool {
        switch self {
        case .unencodable, .unreachable, .noStatusReply, .malformedStatusReply, .notReady: false
        case .connectionLost, .stopped, .unconfirmed: true
        }
    }

    /// The session's view of the failure.
    public var printFailure: PrintFailure {
        PrintFailure(detail: self.description, mayHavePrintedPartially: self.mayHavePrintedPartially)
    }

    public var description: String {
        switch self {
        case .unencodable(let error): "receipt not printed: \(error)"
        case .unreachable(let error): "receipt printer unreachable: \(error)"
        case .noStatusReply(let detail): "receipt printer did not answer the status check (\(detail)); check the cable and power"
        case .malformedStatusReply(let detail): "receipt printer answered the status check with garbage (\(detail))"
        case .notReady(let status): "receipt printer not ready: \(status)"
        case .connectionLost(let error): "connection to the receipt printer lost during the job: \(error)"
        case .stopped(let status): "receipt printer stopped during the job: \(status)"
        case .unconfirmed(let detail): "receipt printer did not confirm the job: \(detail)"
        }
    }
}

/// What a successful print reports.
public struct ReceiptPrintReport: Hashable, Sendable {
    /// Bytes sent for the job (without status queries).
    public var bytesSent: Int
    /// Whether the printer confirmed (`GS r`) that it processed the whole job, cut included.
    /// `false` only on printers without `GS r` support, where the driver trusts the status.
    public var isConfirmed: Bool
    /// The status read after the cut, if the printer answers `DLE EOT`.
    public var statusAfter: ReceiptPrinterStatus?
    /// Characters printed as `？` because the printer has no code for them.
    public var substituted: [Unicode.Scalar]
    /// How long the job took, from connecting to the last status reply.
    public var duration: Duration
}
