/// Why the kiosk will not serve a card, with a reason in plain words for the citizen.
public enum CardRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// The card's validity ended on this day.
    case expired(CalendarDate)
    /// The card's validity starts on this day.
    case notYetValid(CalendarDate)
    /// The number on the card fails GB 11643.
    case invalidNumber(IDNumberError)
    /// The card's fields contradict each other (what differs, for the technician).
    case inconsistentData(String)
    /// The reader could not read the card (moved too soon, damaged chip); carries the reader's words.
    case unreadable(String)
    /// The card is not one the kiosk supports (unknown type letter or layout).
    case unsupportedCard(String)
    /// The SAM module refused the card (authentication failed): a possibly forged card.
    case authenticationFailed(String)

    public var description: String {
        switch self {
        case .expired(let date): "card expired on \(date)"
        case .notYetValid(let date): "card valid only from \(date)"
        case .invalidNumber(let error): error.description
        case .inconsistentData(let what): "card data inconsistent: \(what)"
        case .unreadable(let detail): "card unreadable: \(detail)"
        case .unsupportedCard(let detail): "unsupported card: \(detail)"
        case .authenticationFailed(let detail): "card authentication failed: \(detail)"
        }
    }

    /// What the citizen is told.
    public var reason: LocalizedText {
        switch self {
        case .expired:
            LocalizedText(zh: "您的证件已过有效期，请到窗口办理", en: "Your card has expired. Please go to a service counter.")
        case .notYetValid:
            LocalizedText(zh: "您的证件尚未生效", en: "Your card is not valid yet.")
        case .invalidNumber(let error): error.reason
        case .inconsistentData:
            LocalizedText(zh: "证件信息无法核验，请到窗口办理", en: "Your card could not be verified. Please go to a service counter.")
        case .unreadable:
            LocalizedText(zh: "未能读取证件，请重新放置并保持不动", en: "The card could not be read. Place it again and hold it still.")
        case .unsupportedCard:
            LocalizedText(zh: "本机暂不支持此类证件", en: "This kind of card is not supported here.")
        case .authenticationFailed:
            LocalizedText(zh: "证件核验未通过，请到窗口办理", en: "The card failed verification. Please go to a service counter.")
        }
    }
}
