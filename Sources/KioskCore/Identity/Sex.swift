/// Sex as coded by GB/T 2261.1-2003, the code stored on the card and implied by an ID number.
///
/// Source: GB/T 2261.1 table as summarised in shared/research/idcard-sam-protocol.md §4.1.
public enum Sex: String, Sendable, Codable, CaseIterable {
    /// Code 0, 未知的性别.
    case unknown = "0"
    /// Code 1, 男性.
    case male = "1"
    /// Code 2, 女性.
    case female = "2"
    /// Code 9, 未说明的性别.
    case unspecified = "9"

    /// The single-character code as stored on the card.
    public var code: String { self.rawValue }

    /// Creates the value from the card's code; any unlisted code is `.unknown`, as reader SDKs do.
    public init(code: some StringProtocol) {
        self = Sex(rawValue: String(code)) ?? .unknown
    }

    /// The display name.
    public var name: LocalizedText {
        switch self {
        case .unknown: LocalizedText(zh: "未知", en: "Unknown")
        case .male: LocalizedText(zh: "男", en: "Male")
        case .female: LocalizedText(zh: "女", en: "Female")
        case .unspecified: LocalizedText(zh: "未说明", en: "Unspecified")
        }
    }
}
