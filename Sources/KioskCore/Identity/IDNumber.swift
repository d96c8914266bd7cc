/// A citizen identity number under GB 11643-1999: 18 characters, the last one an
/// ISO 7064 MOD 11-2 check character.
///
/// The same rules cover resident ID cards, Hong Kong/Macao/Taiwan residence permits
/// (region 81/82/83) and the 2023 foreign permanent resident card (first digit 9).
/// Source: shared/research/idcard-sam-protocol.md §5 and §3.6.
///
/// The value is personal data. `description`, `debugDescription` and the mirror all show the
/// masked form (`330203********123X`); the full number is only reachable through
/// ``unmaskedValue``, whose name makes every use visible in review.
///
/// ```swift
/// let number = try IDNumber("11010519491231002X")
/// number.birthDate   // 1949-12-31
/// number.sex         // .female
/// "\(number)"        // "110105********002X"
/// ```
public struct IDNumber: Hashable, Sendable {
    /// The full 18-character number, upper-case. Personal data: never log or display it.
    public let unmaskedValue: String

    /// The weights W₁…W₁₇ (2^(18−i) mod 11).
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder 0…10.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Validates and stores a number.
    ///
    /// Accepts a lower-case `x` as the check character and surrounding white space.
    /// - Throws: ``IDNumberError`` naming the first thing that is wrong, checked in the order
    ///   length, characters, region, birth date, check character.
    public init(_ text: String) throws(IDNumberError) {
        let trimmed = text.trimmingASCIIWhitespace().uppercased()
        let characters = Array(trimmed)
        guard characters.count == 18 else { throw .wrongLength(characters.count) }
        for (index, character) in characters.enumerated() {
            let isDigit = character.isASCII && character.isNumber
            if !(isDigit || (index == 17 && character == "X")) {
                throw .invalidCharacter(position: index + 1, found: character)
            }
        }
        let regionPrefix = String(characters[0..<2])
        if characters[0] == "9" {
            let province = String(characters[1..<3])
            guard IDNumber.provinceCodes.contains(province) else { throw .unknownRegion(String(characters[0..<6])) }
        } else {
            guard IDNumber.provinceCodes.contains(regionPrefix) else { throw .unknownRegion(String(characters[0..<6])) }
        }
        let birthText = String(characters[6..<14])
        guard let birth = CalendarDate(yyyymmdd: birthText), birth.year >= 1800 else {
            throw .invalidBirthDate(birthText)
        }
        let expected = IDNumber.checkCharacter(forFirst17: characters[0..<17].compactMap(\.wholeNumberValue))
        guard expected == characters[17] else {
            throw .checkCharacterMismatch(expected: expected, found: characters[17])
        }
        self.unmaskedValue = trimmed
    }

    /// Computes the MOD 11-2 check character for the first 17 digits.
    /// - Precondition: `digits` holds exactly 17 values in 0...9.
    public static func checkCharacter(forFirst17 digits: [Int]) -> Character {
        precondition(digits.count == 17, "a GB 11643 body has 17 digits")
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// The six-digit administrative region code (GB/T 2260) of the registering office; for a 2023
    /// foreign permanent resident number, `9`, the province and the numeric nationality code.
    public var regionCode: String { String(self.unmaskedValue.prefix(6)) }

    /// The two-digit province code (positions 1–2, or 2–3 for numbers starting with 9).
    public var provinceCode: String {
        let characters = Array(self.unmaskedValue)
        return characters[0] == "9" ? String(characters[1..<3]) : String(characters[0..<2])
    }

    /// Which kind of document issued this number, as far as the number itself tells.
    public var issuer: IDNumberIssuer {
        let characters = Array(self.unmaskedValue)
        if characters[0] == "9" { return .foreignPermanentResident }
        switch self.provinceCode {
        case "81": return .hongKongResident
        case "82": return .macaoResident
        case "83": return .taiwanResident
        default: return .mainland
        }
    }

    /// The birth date encoded in positions 7–14.
    public var birthDate: CalendarDate {
        // Validated in init.
        CalendarDate(yyyymmdd: Array(self.unmaskedValue)[6..<14].map(String.init).joined())!
    }

    /// The three-digit sequence code (positions 15–17).
    public var sequenceCode: String {
        String(Array(self.unmaskedValue)[14..<17])
    }

    /// Sex from the sequence code: odd is male, even is female.
    public var sex: Sex {
        let digit = Array(self.unmaskedValue)[16].wholeNumberValue ?? 0
        return digit % 2 == 1 ? .male : .female
    }

    /// The check character (position 18).
    public var checkCharacter: Character { Array(self.unmaskedValue)[17] }

    /// The form shown in logs, journals and on screens: region code, eight stars, last four.
    public var masked: String { PersonalDataMask.idNumber(self.unmaskedValue) }

    /// Checks the number against a day: a birth date after `today` is impossible.
    /// - Throws: ``IDNumberError/birthDateInFuture(_:)``.
    public func validate(asOf today: CalendarDate) throws(IDNumberError) {
        if self.birthDate > today { throw .birthDateInFuture(self.birthDate) }
    }

    /// Province-level codes of GB/T 2260 (including 71 Taiwan and 81/82/83 for residence permits).
    static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ]
}

extension IDNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The masked number; a full number never reaches a log through string interpolation.
    public var description: String { self.masked }
    /// The masked number.
    public var debugDescription: String { "IDNumber(\(self.masked))" }
    /// A mirror that shows only the masked number, so `dump` does not leak it either.
    public var customMirror: Mirror { Mirror(self, children: ["masked": self.masked]) }
}

extension IDNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try IDNumber(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.unmaskedValue)
    }
}

/// Who issued an ``IDNumber``, as far as its first digits tell.
public enum IDNumberIssuer: String, Sendable, Codable {
    /// A mainland resident (resident ID card).
    case mainland
    /// A Hong Kong resident (region 81, residence permit).
    case hongKongResident
    /// A Macao resident (region 82, residence permit).
    case macaoResident
    /// A Taiwan resident (region 83, residence permit).
    case taiwanResident
    /// A foreign permanent resident (2023 card, first digit 9).
    case foreignPermanentResident
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }
}
