/// The number printed on a card: a GB 11643 number for resident cards, J permits and 2023 Y
/// cards, or the 15-character number of a 2017 foreign permanent resident card (three letters
/// for the nationality, twelve digits).
///
/// Source: shared/research/idcard-sam-protocol.md §3.4–3.6.
public enum DocumentNumber: Hashable, Sendable {
    /// An 18-character GB 11643 number.
    case gb11643(IDNumber)
    /// A 2017 foreign permanent resident number, e.g. `USA123456789012`.
    case foreignPermanentResident2017(String)

    /// The full number. Personal data: never log or display it.
    public var unmaskedValue: String {
        switch self {
        case .gb11643(let number): number.unmaskedValue
        case .foreignPermanentResident2017(let number): number
        }
    }

    /// The form for logs and screens.
    public var masked: String { PersonalDataMask.idNumber(self.unmaskedValue) }

    /// Parses a 2017 permanent-resident number: three upper-case letters and twelve digits.
    /// - Throws: ``IDNumberError`` with the same reasons as a GB 11643 number.
    public static func foreignPermanentResident2017(parsing text: String) throws(IDNumberError) -> DocumentNumber {
        let characters = Array(text.trimmingASCIIWhitespace().uppercased())
        guard characters.count == 15 else { throw .wrongLength(characters.count) }
        for (index, character) in characters.enumerated() {
            let ok = index < 3 ? (character.isASCII && character.isLetter) : (character.isASCII && character.isNumber)
            if !ok { throw .invalidCharacter(position: index + 1, found: character) }
        }
        return .foreignPermanentResident2017(String(characters))
    }
}

extension DocumentNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The masked number.
    public var description: String { self.masked }
    /// The masked number.
    public var debugDescription: String { "DocumentNumber(\(self.masked))" }
    /// A mirror with only the masked number.
    public var customMirror: Mirror { Mirror(self, children: ["masked": self.masked]) }
}

extension DocumentNumber: Codable {
    /// Decodes a plain string: 18 characters is a GB 11643 number, 15 a 2017 permanent-resident number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = text.count == 15 ? try DocumentNumber.foreignPermanentResident2017(parsing: text) : .gb11643(try IDNumber(text))
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes the full number as a string (only ever sent to a records provider or printed).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.unmaskedValue)
    }
}
