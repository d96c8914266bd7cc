/// What a card read tells about its holder: the decoded 256-byte text block of a resident ID
/// card, an `I` or `Y` foreign permanent resident card, or a `J` residence permit.
///
/// Fields that a card type does not carry are `nil`. The photo and fingerprints are not part of
/// this value: they stay raw bytes inside the reader driver and are never decoded or stored.
///
/// `Identity` is personal data. It lives in memory for one citizen's session only; its
/// `description` and mirror are masked, and ``masked`` gives the form journals and screens use.
public struct Identity: Hashable, Sendable, Codable {
    /// Which card this came from.
    public var cardType: CardType
    /// The Chinese name (姓名 / 中文姓名); for a foreigner without one, the English name.
    public var name: String
    /// The English name of a foreign permanent resident (I, Y), upper case with spaces.
    public var englishName: String?
    /// Sex code from the card.
    public var sex: Sex
    /// Ethnic group (resident cards only).
    public var ethnicity: Ethnicity?
    /// Birth date from the card.
    public var birthDate: CalendarDate
    /// Registered address (resident cards and J permits).
    public var address: String?
    /// The card's number.
    public var documentNumber: DocumentNumber
    /// The issuing authority (签发机关), or for I cards the accepting office code.
    public var issuingAuthority: String?
    /// The card's validity.
    public var validity: ValidityPeriod
    /// Nationality code of a foreign permanent resident (GB/T 2659, letters or digits).
    public var nationality: String?
    /// The Mainland travel permit number of a J permit holder (通行证号码).
    public var travelPermitNumber: String?
    /// How many times the card was issued (J: 签发次数, Y: 换证次数).
    public var issueCount: Int?
    /// The card version field of a 2017 I card (证件版本号).
    public var cardVersion: String?

    /// Creates an identity from decoded card fields.
    public init(
        cardType: CardType, name: String, englishName: String? = nil, sex: Sex, ethnicity: Ethnicity? = nil,
        birthDate: CalendarDate, address: String? = nil, documentNumber: DocumentNumber,
        issuingAuthority: String? = nil, validity: ValidityPeriod, nationality: String? = nil,
        travelPermitNumber: String? = nil, issueCount: Int? = nil, cardVersion: String? = nil
    ) {
        self.cardType = cardType
        self.name = name
        self.englishName = englishName
        self.sex = sex
        self.ethnicity = ethnicity
        self.birthDate = birthDate
        self.address = address
        self.documentNumber = documentNumber
        self.issuingAuthority = issuingAuthority
        self.validity = validity
        self.nationality = nationality
        self.travelPermitNumber = travelPermitNumber
        self.issueCount = issueCount
        self.cardVersion = cardVersion
    }

    /// The masked form for logs, journals and screens.
    public var masked: MaskedIdentity {
        MaskedIdentity(
            cardType: self.cardType,
            name: PersonalDataMask.name(self.name),
            documentNumber: self.documentNumber.masked,
            address: self.address.map(PersonalDataMask.address)
        )
    }

    /// Checks the card for use on `today`: in its validity period, number consistent with the
    /// card's birth date and sex where the number encodes them.
    /// - Throws: ``CardRejection`` naming the problem.
    public func validate(on today: CalendarDate) throws(CardRejection) {
        if today < self.validity.start { throw .notYetValid(self.validity.start) }
        if self.validity.hasExpired(on: today) {
            if case .date(let end) = self.validity.end { throw .expired(end) }
        }
        if case .gb11643(let number) = self.documentNumber {
            do {
                try number.validate(asOf: today)
            } catch {
                throw .invalidNumber(error)
            }
            if number.birthDate != self.birthDate { throw .inconsistentData("birth date differs from the ID number") }
            if self.sex == .male || self.sex == .female, number.sex != self.sex {
                throw .inconsistentData("sex differs from the ID number")
            }
        }
    }
}

extension Identity: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Masked summary; string interpolation never leaks the holder's data.
    public var description: String { self.masked.description }
    /// Masked summary.
    public var debugDescription: String { "Identity(\(self.masked.description))" }
    /// A mirror with only masked fields, so `dump` and test failure messages stay masked.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": self.masked], displayStyle: .struct)
    }
}
