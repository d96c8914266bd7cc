import DeviceKit
import KioskCore

/// What the payment side tells its owner. The first six cases map one-to-one onto the
/// session's payment events (``sessionEvent``); the others are for the daemon's journal,
/// receipt printer and device registry.
public enum PaymentEvent: Hashable, Sendable, CustomStringConvertible {
    /// A note is held in escrow: the session must say stack or return.
    case noteEscrowed(TransactionID, Money)
    /// A note was credited (SSP CREDIT): now it is money.
    case noteCredited(TransactionID, Money)
    /// The wallet asks the citizen to confirm on the phone.
    case paymentCodePending(TransactionID)
    /// The code payment succeeded (confirmed by the provider).
    case paymentCodeSucceeded(TransactionID, Money)
    /// The code payment failed definitely; a fresh code may be tried.
    case paymentCodeFailed(TransactionID, LocalizedText)
    /// The payment device broke while taking money.
    case paymentDeviceFailed(TransactionID, LocalizedText)
    /// Money an operator must look at (journal it, print the voucher).
    case needsAttention(CashAttention)
    /// A payment device's status changed.
    case deviceStatusChanged(DeviceStatus)

    /// The session event this is, or `nil` for the daemon-only cases.
    public var sessionEvent: SessionEvent? {
        switch self {
        case .noteEscrowed(let id, let value): .noteEscrowed(id, value)
        case .noteCredited(let id, let value): .noteCredited(id, value)
        case .paymentCodePending(let id): .paymentCodePending(id)
        case .paymentCodeSucceeded(let id, let value): .paymentCodeSucceeded(id, value)
        case .paymentCodeFailed(let id, let reason): .paymentCodeFailed(id, reason)
        case .paymentDeviceFailed(let id, let reason): .paymentDeviceFailed(id, reason)
        case .needsAttention, .deviceStatusChanged: nil
        }
    }

    public var description: String {
        switch self {
        case .noteEscrowed(let id, let value): "note escrowed \(value) for \(id)"
        case .noteCredited(let id, let value): "note credited \(value) for \(id)"
        case .paymentCodePending(let id): "payment code pending for \(id)"
        case .paymentCodeSucceeded(let id, let value): "payment code succeeded \(value) for \(id)"
        case .paymentCodeFailed(let id, let reason): "payment code failed for \(id): \(reason.en)"
        case .paymentDeviceFailed(let id, let reason): "payment device failed for \(id): \(reason.en)"
        case .needsAttention(let attention): "needs attention: \(attention)"
        case .deviceStatusChanged(let status): "status: \(status)"
        }
    }
}
