import DeviceKit
import KioskCore

extension SAMStatus {
    /// Who a status is about, which decides what the driver does with it.
    public enum Category: Hashable, Sendable {
        /// 0x90, 0x9F: the command worked.
        case success
        /// 0x91: the card has nothing for this item.
        case noContent
        /// 0x80: no card answered.
        case noCard
        /// 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x81: the card could not be selected, read or
        /// authenticated. Worth a retry from find, except 0x40 (not an ID card).
        case card
        /// 0x60, 0x66: the SAM module itself is broken or not authorised.
        case sam
        /// 0x10, 0x11, 0x21, 0x23, 0x24 and undocumented codes: the exchange went wrong (a frame
        /// corrupted on the way in, a command the reader does not know).
        case exchange
    }

    /// The category of this status.
    public var category: Category {
        switch self {
        case .success, .cardFound: .success
        case .noContent: .noContent
        case .cardNotFound: .noCard
        case .cardRejectedSAM, .samRejectedCard, .verificationFailed, .unrecognizedCardType, .readFailed, .randomNumberFailed,
            .selectFailed:
            .card
        case .samSelfTestFailed, .samNotAuthorized: .sam
        default: .exchange
        }
    }

    /// Why the card is refused when this status ends the last read attempt.
    public var cardRejection: CardRejection {
        switch self {
        case .cardRejectedSAM, .samRejectedCard, .verificationFailed: .authenticationFailed(self.description)
        case .unrecognizedCardType: .unsupportedCard(self.description)
        case .cardNotFound: .unreadable("the card left the field before it was read (\(self.description))")
        default: .unreadable(self.description)
        }
    }

    /// The device fault a SAM status means, for 0x60 and 0x66 (`nil` for the others).
    public var deviceFault: DeviceFault? {
        let notice = LocalizedText(
            zh: "身份证阅读器故障，请联系工作人员", en: "The ID card reader is out of order. Please ask staff.")
        switch self {
        case .samSelfTestFailed:
            return DeviceFault(
                code: "sam-self-test-failed",
                summary: "the reader's SAM module failed its self-test (SW3 0x60) and accepts no commands",
                remediation: Remediation(
                    .maintenance, "power-cycle the reader; if the SAM still fails its self-test, have the vendor replace the SAM module"),
                citizenNotice: notice)
        case .samNotAuthorized:
            return DeviceFault(
                code: "sam-not-authorized",
                summary: "the reader's SAM module is not authorised (SW3 0x66)",
                remediation: Remediation(.maintenance, "the SAM module needs authorisation by its issuer: contact the reader vendor"),
                citizenNotice: notice)
        default:
            return nil
        }
    }
}
