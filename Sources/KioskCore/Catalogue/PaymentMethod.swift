/// How a citizen can pay at the kiosk.
public enum PaymentMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Banknotes into the bill validator (no change is given).
    case cash
    /// An Alipay or WeChat Pay payment code shown to the scanner.
    case paymentCode

    /// The device the method needs.
    public var device: DeviceRole {
        switch self {
        case .cash: .billValidator
        case .paymentCode: .paymentCodeScanner
        }
    }

    /// The method's name on buttons.
    public var name: LocalizedText {
        switch self {
        case .cash: LocalizedText(zh: "现金支付", en: "Pay with cash")
        case .paymentCode: LocalizedText(zh: "扫码支付", en: "Pay with payment code")
        }
    }
}
