/// The masking rules for personal data in logs, journals and on screens.
///
/// One place decides how much of a number, a name or an address may be seen, so every
/// log line, screen and stored row masks the same way.
public enum PersonalDataMask {
    /// An 18-character number keeps its six-digit region code and its last four characters
    /// (`330203********123X`); other lengths keep the first three and the last four; numbers
    /// too short to hide anything become all stars.
    public static func idNumber(_ value: String) -> String {
        let characters = Array(value)
        let kept: (head: Int, tail: Int) = characters.count == 18 ? (6, 4) : (3, 4)
        guard characters.count > kept.head + kept.tail else {
            return String(repeating: "*", count: characters.count)
        }
        let hidden = characters.count - kept.head - kept.tail
        return String(characters.prefix(kept.head)) + String(repeating: "*", count: hidden)
            + String(characters.suffix(kept.tail))
    }

    /// A Chinese name keeps its first character (`张*`, `王**`); a Latin name keeps the first
    /// letter of each word (`J*** S****`).
    public static func name(_ value: String) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return "" }
        if trimmed.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
            let characters = Array(trimmed)
            return String(characters[0]) + String(repeating: "*", count: max(1, characters.count - 1))
        }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        let masked: [String] = words.map { (word: Substring) -> String in
            let first: String = String(word.prefix(1))
            return first + String(repeating: "*", count: max(0, word.count - 1))
        }
        return masked.joined(separator: " ")
    }

    /// An address keeps its first six characters (roughly province and city) and hides the rest.
    public static func address(_ value: String) -> String {
        let characters = Array(value.trimmingASCIIWhitespace())
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(6)) + "****"
    }

    /// A payment code keeps only its last four digits, as the payment guidance asks.
    public static func paymentCode(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(repeating: "*", count: characters.count - 4) + String(characters.suffix(4))
    }
}
