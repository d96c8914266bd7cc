/// A voice prompt for the kiosk's speaker: a stable key (for recorded audio files) and the text
/// (for text-to-speech), in the language the citizen chose.
public struct Prompt: Hashable, Sendable, Codable {
    /// The prompt's key, for example `place-card`.
    public var key: String
    /// What is said.
    public var text: LocalizedText
    /// The language to speak.
    public var language: Language

    /// Creates a prompt.
    public init(key: String, text: LocalizedText, language: Language) {
        self.key = key
        self.text = text
        self.language = language
    }
}
