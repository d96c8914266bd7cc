/// The kinds of card the public-security SAM reader returns, told apart by the type letter at
/// byte 248 of the 256-byte text block.
///
/// Source: shared/research/idcard-sam-protocol.md §3.3 (Johann356/readinfo `PCSCGetData.h`).
public enum CardType: String, Sendable, Codable, CaseIterable {
    /// 居民身份证: the second-generation resident ID card (no type letter; reserved area).
    case residentID = "resident"
    /// `I`: 外国人永久居留身份证, 2017 version.
    case foreignPermanentResident2017 = "I"
    /// `J`: 港澳台居民居住证 (Hong Kong, Macao and Taiwan residents' residence permit).
    case hongKongMacaoTaiwanResidencePermit = "J"
    /// `Y`: 外国人永久居留身份证, 2023 "five-star" version.
    case foreignPermanentResident2023 = "Y"

    /// The type letter stored at byte 248 of the text block, or `nil` for a resident card.
    public var typeLetter: Character? {
        switch self {
        case .residentID: nil
        case .foreignPermanentResident2017: "I"
        case .hongKongMacaoTaiwanResidencePermit: "J"
        case .foreignPermanentResident2023: "Y"
        }
    }

    /// Creates the card type from the letter at byte 248; a space or NUL means a resident card.
    public init?(typeLetter: Character) {
        switch typeLetter {
        case " ", "\0": self = .residentID
        case "I": self = .foreignPermanentResident2017
        case "J": self = .hongKongMacaoTaiwanResidencePermit
        case "Y": self = .foreignPermanentResident2023
        default: return nil
        }
    }

    /// The card's name for screens and reports.
    public var name: LocalizedText {
        switch self {
        case .residentID: LocalizedText(zh: "居民身份证", en: "Resident ID card")
        case .foreignPermanentResident2017:
            LocalizedText(zh: "外国人永久居留身份证（2017版）", en: "Foreign permanent resident ID card (2017)")
        case .hongKongMacaoTaiwanResidencePermit:
            LocalizedText(zh: "港澳台居民居住证", en: "HK/Macao/Taiwan residence permit")
        case .foreignPermanentResident2023:
            LocalizedText(zh: "外国人永久居留身份证（2023版）", en: "Foreign permanent resident ID card (2023)")
        }
    }
}
