/// The languages a kiosk screen can show.
public enum Language: String, Sendable, Codable, CaseIterable {
    /// Simplified Chinese, the default.
    case zh = "zh-CN"
    /// English.
    case en = "en"

    /// The other language, for the language toggle.
    public var toggled: Language { self == .zh ? .en : .zh }
}
