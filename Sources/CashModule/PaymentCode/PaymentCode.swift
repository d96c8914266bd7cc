import Foundation

/// The wallet a payment code belongs to.
public enum Wallet: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// WeChat Pay (微信支付).
    case wechatPay = "wechat"
    /// Alipay (支付宝).
    case alipay
    /// UnionPay QuickPass (云闪付): recognised so the citizen hears why it is refused.
    case unionPay = "unionpay"

    public var description: String {
        switch self {
        case .wechatPay: "WeChat Pay"
        case .alipay: "Alipay"
        case .unionPay: "UnionPay"
        }
    }
}

/// A scanned payment code (付款码), classified by wallet. Personal data: it authorises a payment
/// for about a minute, so it is logged masked only (``masked``, `PersonalDataMask.paymentCode`).
///
/// Formats (research C.1): WeChat Pay 18 digits starting 10–15 (WxJava `WxPayMicropayRequest`,
/// WeChat Pay "ImportantParameters"); Alipay 16–24 digits starting 25–30 (alipay-sdk-java
/// `AlipayTradePayModel`: "以开发者获取的付款码长度为准", so the length check is lenient);
/// UnionPay 19 digits starting 62 [uncertain: one blog].
public struct PaymentCode: Hashable, Sendable, CustomStringConvertible {
    /// The digits.
    public let digits: String
    /// The wallet.
    public let wallet: Wallet

    /// Classifies a scanned string.
    /// - Throws: ``PaymentCodeError`` for anything that is not a payment code.
    public init(scanned text: String) throws(PaymentCodeError) {
        let digits = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !digits.isEmpty else { throw .empty }
        guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .notDigits(length: digits.count) }
        let prefix = Int(digits.prefix(2)) ?? -1
        let length = digits.count
        if (10...15).contains(prefix) {
            guard length == 18 else { throw .wrongLength(wallet: .wechatPay, length: length, expected: "18") }
            self.wallet = .wechatPay
        } else if (25...30).contains(prefix) {
            guard (16...24).contains(length) else { throw .wrongLength(wallet: .alipay, length: length, expected: "16–24") }
            self.wallet = .alipay
        } else if prefix == 62 {
            guard length == 19 else { throw .wrongLength(wallet: .unionPay, length: length, expected: "19") }
            self.wallet = .unionPay
        } else {
            throw .unknownPrefix(String(digits.prefix(2)), length: length)
        }
        self.digits = digits
    }

    /// The code with all but the last four digits hidden.
    public var masked: String {
        let characters = Array(self.digits)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 4) + String(characters.suffix(4))
    }

    /// Masked, so a code never reaches a log in full.
    public var description: String { "\(self.wallet) \(self.masked)" }
}

/// Why a scan is not a payment code. Carries lengths and prefixes, never the digits.
public enum PaymentCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing was scanned.
    case empty
    /// Not all digits (a URL, a product bar code with letters).
    case notDigits(length: Int)
    /// A wallet's prefix with the wrong length.
    case wrongLength(wallet: Wallet, length: Int, expected: String)
    /// No wallet uses this prefix.
    case unknownPrefix(String, length: Int)

    public var description: String {
        switch self {
        case .empty: "empty scan"
        case .notDigits(let length): "a \(length)-character code that is not all digits (not a payment code)"
        case .wrongLength(let wallet, let length, let expected): "\(length) digits with a \(wallet) prefix; \(wallet) codes have \(expected)"
        case .unknownPrefix(let prefix, let length): "\(length) digits starting \(prefix): not a WeChat Pay (10–15) or Alipay (25–30) code"
        }
    }
}
