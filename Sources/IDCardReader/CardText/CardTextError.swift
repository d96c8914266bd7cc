import KioskCore

/// Why a card's text block does not decode (or an identity does not fit one), naming the field
/// and its byte offset. Messages never repeat the field's content: it is personal data.
public enum CardTextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The block is not 256 bytes.
    case wrongBlockLength(Int)
    /// Byte 248 holds a letter that names no known card type.
    case unknownCardType(codeUnit: UInt16)
    /// A field holds a UTF-16 surrogate, which UCS-2 card text never contains.
    case invalidCharacter(field: CardTextField.Name, offset: Int)
    /// A field the card must carry is empty.
    case missingField(CardTextField.Name, offset: Int)
    /// A field's content is not what the field holds (`"not an eight-digit date"`).
    case invalidField(CardTextField.Name, offset: Int, reason: String)
    /// The number fails GB 11643 (or the 2017 permanent-resident rules).
    case invalidNumber(offset: Int, IDNumberError)
    /// Encoding: a value is longer than its field.
    case fieldTooLong(CardTextField.Name, characters: Int, capacity: Int)

    /// The problem in words, with the byte offset.
    public var description: String {
        switch self {
        case .wrongBlockLength(let count): "card text block has \(count) bytes, expected \(CardTextLayout.blockLength)"
        case .unknownCardType(let unit):
            "card type letter at byte \(CardTextLayout.typeLetterOffset) is U+\(String(unit, radix: 16, uppercase: true)), not I, J, Y or blank"
        case .invalidCharacter(let field, let offset): "\(field.label) at byte \(offset) holds a character that is not UCS-2 text"
        case .missingField(let field, let offset): "\(field.label) at byte \(offset) is empty"
        case .invalidField(let field, let offset, let reason): "\(field.label) at byte \(offset): \(reason)"
        case .invalidNumber(let offset, let error): "number at byte \(offset): \(error.reason.en)"
        case .fieldTooLong(let field, let characters, let capacity):
            "\(field.label) has \(characters) characters; the card field holds \(capacity)"
        }
    }

    /// How the driver refuses the card when its text does not decode.
    public var cardRejection: CardRejection {
        switch self {
        case .unknownCardType: .unsupportedCard(self.description)
        default: .inconsistentData(self.description)
        }
    }
}
