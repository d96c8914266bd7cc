/// A text in the kiosk's two languages: simplified Chinese first, English second.
public struct LocalizedText: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Simplified Chinese (zh-CN).
    public var zh: String
    /// English.
    public var en: String

    /// Creates a bilingual text.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The same text in both languages (numbers, codes, names).
    public init(verbatim text: String) {
        self.zh = text
        self.en = text
    }

    /// The text in one language.
    public subscript(language: Language) -> String {
        switch language {
        case .zh: self.zh
        case .en: self.en
        }
    }

    /// Both languages, Chinese first: `请取走证件 / Take your card`.
    public var description: String { self.zh == self.en ? self.zh : "\(self.zh) / \(self.en)" }
}
