import KioskCore

/// The fields of the 256-byte card text block: where each lies, for each card type. Every field
/// is UCS-2 little-endian text padded with spaces (`20 00`).
///
/// Sources (shared/research/idcard-sam-protocol.md):
/// - resident card §3.2: GA 490 via wiki.nfc.im, HslCommunication `ExtractIdentityCard`,
///   qiwenming/IDCardDemo, hev-idcard-reader;
/// - `I` (2017 foreign permanent resident) §3.4: afzhan table, Johann356/readinfo `tagIDForeigner`;
/// - `J` (HK/Macao/Taiwan residence permit) §3.5: Johann356/readinfo `tagIDCardInfor`, a C#
///   wrapper (通行证号码 @220, 签发次数 @238);
/// - `Y` (2023 foreign permanent resident) §3.6: Johann356/readinfo `tagIDCardInfor2023`, the
///   only source for this layout (marked uncertain in the research).
public struct CardTextLayout: Hashable, Sendable {
    /// The card type this layout belongs to.
    public let cardType: CardType
    /// The fields in block order.
    public let fields: [CardTextField]

    /// The block's size.
    public static let blockLength = 256
    /// Where the card-type letter (证件类型标识) lies on I, J and Y cards (research §3.3).
    public static let typeLetterOffset = 248

    /// The field with a name, if this layout has it.
    public func field(_ name: CardTextField.Name) -> CardTextField? {
        self.fields.first { $0.name == name }
    }

    /// The layout for a card type.
    public static func layout(for cardType: CardType) -> CardTextLayout {
        switch cardType {
        case .residentID: .resident
        case .foreignPermanentResident2017: .foreignPermanentResident2017
        case .hongKongMacaoTaiwanResidencePermit: .residencePermit
        case .foreignPermanentResident2023: .foreignPermanentResident2023
        }
    }

    /// 居民身份证 (GA 490).
    public static let resident = CardTextLayout(
        cardType: .residentID,
        fields: [
            .init(.name, 0, 30), .init(.sex, 30, 2), .init(.ethnicity, 32, 4), .init(.birthDate, 36, 16),
            .init(.address, 52, 70), .init(.number, 122, 36), .init(.issuingAuthority, 158, 30), .init(.validFrom, 188, 16),
            .init(.validTo, 204, 16), .init(.reserved, 220, 36),
        ])

    /// 外国人永久居留身份证 2017 (`I`).
    public static let foreignPermanentResident2017 = CardTextLayout(
        cardType: .foreignPermanentResident2017,
        fields: [
            .init(.englishName, 0, 120), .init(.sex, 120, 2), .init(.number, 122, 30), .init(.nationality, 152, 6),
            .init(.name, 158, 30), .init(.validFrom, 188, 16), .init(.validTo, 204, 16), .init(.birthDate, 220, 16),
            .init(.cardVersion, 236, 4), .init(.acceptingOffice, 240, 8), .init(.typeLetter, 248, 2), .init(.reserved, 250, 6),
        ])

    /// 港澳台居民居住证 (`J`). Bytes 32–35 hold no ethnicity on this card (research §3.5, uncertain).
    public static let residencePermit = CardTextLayout(
        cardType: .hongKongMacaoTaiwanResidencePermit,
        fields: [
            .init(.name, 0, 30), .init(.sex, 30, 2), .init(.reserved, 32, 4), .init(.birthDate, 36, 16),
            .init(.address, 52, 70), .init(.number, 122, 36), .init(.issuingAuthority, 158, 30), .init(.validFrom, 188, 16),
            .init(.validTo, 204, 16), .init(.travelPermitNumber, 220, 18), .init(.issueCount, 238, 4),
            .init(.reserved, 242, 6), .init(.typeLetter, 248, 2), .init(.reserved, 250, 6),
        ])

    /// 外国人永久居留身份证 2023 (`Y`): the English name is split over bytes 52–121 (characters
    /// 1–35) and 220–241 (characters 36–46).
    public static let foreignPermanentResident2023 = CardTextLayout(
        cardType: .foreignPermanentResident2023,
        fields: [
            .init(.name, 0, 30), .init(.sex, 30, 2), .init(.issueCount, 32, 4), .init(.birthDate, 36, 16),
            .init(.englishName, 52, 70), .init(.number, 122, 36), .init(.reserved, 158, 30), .init(.validFrom, 188, 16),
            .init(.validTo, 204, 16), .init(.englishNameContinued, 220, 22), .init(.nationality, 242, 6),
            .init(.typeLetter, 248, 2), .init(.previousNumberLink, 250, 6),
        ])
}

/// One field of the text block.
public struct CardTextField: Hashable, Sendable {
    /// What a field holds.
    public enum Name: String, Hashable, Sendable, CaseIterable {
        /// 姓名 / 中文姓名.
        case name
        /// 英文姓名 (I, Y; on Y its first 35 characters).
        case englishName
        /// 英文姓名 characters 36–46 (Y).
        case englishNameContinued
        /// 性别代码 (GB/T 2261.1).
        case sex
        /// 民族代码 (GB 3304), resident cards only.
        case ethnicity
        /// 出生日期 YYYYMMDD.
        case birthDate
        /// 住址.
        case address
        /// 公民身份号码 / 永久居留证号码 / 证件号码.
        case number
        /// 签发机关.
        case issuingAuthority
        /// 当次申请受理机关代码 (I).
        case acceptingOffice
        /// 有效期起始日期 / 证件签发日期.
        case validFrom
        /// 有效期截止日期 / 证件终止日期, or 长期.
        case validTo
        /// 国籍或所在地区代码 (GB/T 2659).
        case nationality
        /// 证件版本号 (I).
        case cardVersion
        /// 通行证号码 (J).
        case travelPermitNumber
        /// 签发次数 (J) / 换证次数 (Y).
        case issueCount
        /// 证件类型标识.
        case typeLetter
        /// 既往版本号码关联项 (Y).
        case previousNumberLink
        /// 预留.
        case reserved

        /// The field's name for reports.
        public var label: String {
            switch self {
            case .name: "name 姓名"
            case .englishName: "English name 英文姓名"
            case .englishNameContinued: "English name (cont.) 英文姓名续"
            case .sex: "sex 性别"
            case .ethnicity: "ethnicity 民族"
            case .birthDate: "birth date 出生日期"
            case .address: "address 住址"
            case .number: "number 证件号码"
            case .issuingAuthority: "issuing authority 签发机关"
            case .acceptingOffice: "accepting office 受理机关代码"
            case .validFrom: "valid from 有效期起始"
            case .validTo: "valid to 有效期截止"
            case .nationality: "nationality 国籍"
            case .cardVersion: "card version 证件版本号"
            case .travelPermitNumber: "travel permit 通行证号码"
            case .issueCount: "issue count 签发/换证次数"
            case .typeLetter: "card type letter 证件类型标识"
            case .previousNumberLink: "previous number link 既往版本号码关联项"
            case .reserved: "reserved 预留"
            }
        }
    }

    /// What the field holds.
    public let name: Name
    /// Its first byte in the block.
    public let offset: Int
    /// Its size in bytes (two per UCS-2 character).
    public let byteCount: Int

    /// Creates a field.
    public init(_ name: Name, _ offset: Int, _ byteCount: Int) {
        self.name = name
        self.offset = offset
        self.byteCount = byteCount
    }

    /// How many characters fit.
    public var characterCount: Int { self.byteCount / 2 }
}
