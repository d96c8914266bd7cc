/// Why a string is not a valid GB 11643 identity number.
///
/// Each case carries what a technician or operator needs to see what was wrong, and
/// ``reason`` gives the same in words for a citizen.
public enum IDNumberError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number does not have 18 characters; the associated value is the count found.
    case wrongLength(Int)
    /// A character other than a digit (or a final `X`) at a 1-based position.
    case invalidCharacter(position: Int, found: Character)
    /// The leading region code names no province (GB/T 2260); carries the six-character prefix.
    case unknownRegion(String)
    /// Positions 7–14 are not a real date (`YYYYMMDD`); carries the eight characters.
    case invalidBirthDate(String)
    /// The birth date lies after the day of the check.
    case birthDateInFuture(CalendarDate)
    /// The MOD 11-2 check character does not match: a typo or a forged number.
    case checkCharacterMismatch(expected: Character, found: Character)

    public var description: String {
        switch self {
        case .wrongLength(let count): "ID number has \(count) characters, expected 18"
        case .invalidCharacter(let position, let found):
            "ID number has '\(found)' at position \(position); only digits (and X as the last character) are allowed"
        case .unknownRegion(let prefix): "ID number region code \(prefix) names no province"
        case .invalidBirthDate(let text): "ID number birth date \(text) is not a real date"
        case .birthDateInFuture(let date): "ID number birth date \(date) is in the future"
        case .checkCharacterMismatch(let expected, let found):
            "ID number check character is \(found), the MOD 11-2 check gives \(expected)"
        }
    }

    /// The reason in plain words for the citizen (no digits of the number are repeated).
    public var reason: LocalizedText {
        switch self {
        case .wrongLength, .invalidCharacter:
            LocalizedText(zh: "证件号码格式不正确", en: "The ID number is not in the right format")
        case .unknownRegion:
            LocalizedText(zh: "证件号码的地区代码无效", en: "The ID number has an unknown region code")
        case .invalidBirthDate, .birthDateInFuture:
            LocalizedText(zh: "证件号码中的出生日期无效", en: "The ID number has an impossible birth date")
        case .checkCharacterMismatch:
            LocalizedText(zh: "证件号码校验位错误", en: "The ID number's check digit is wrong")
        }
    }
}
