import KioskCore

/// Writes an ``Identity`` into the 256-byte text block of its card type: the inverse of
/// ``CardTextDecoder``, used by the reader simulator and by round-trip tests.
///
/// Fields are UCS-2 little-endian padded with spaces; counts are written as two digits; the
/// `Y` card's English name is split at 35 characters; a resident card's reserved area is blank.
public enum CardTextEncoder {
    /// Encodes an identity.
    /// - Throws: ``CardTextError/fieldTooLong(_:characters:capacity:)`` when a value does not fit,
    ///   ``CardTextError/invalidCharacter(field:offset:)`` for characters outside UCS-2.
    public static func encode(_ identity: Identity) throws(CardTextError) -> [UInt8] {
        let layout = CardTextLayout.layout(for: identity.cardType)
        var writer = BlockWriter(layout: layout)
        let dateValidTo: String =
            switch identity.validity.end {
            case .longTerm: "长期"
            case .date(let date): date.yyyymmdd
            }
        try writer.put(.sex, identity.sex.code)
        try writer.put(.birthDate, identity.birthDate.yyyymmdd)
        try writer.put(.number, identity.documentNumber.unmaskedValue)
        try writer.put(.validFrom, identity.validity.start.yyyymmdd)
        try writer.put(.validTo, dateValidTo)
        if let letter = identity.cardType.typeLetter { try writer.put(.typeLetter, String(letter)) }
        switch identity.cardType {
        case .residentID:
            try writer.put(.name, identity.name)
            try writer.put(.ethnicity, identity.ethnicity?.code ?? "")
            try writer.put(.address, identity.address ?? "")
            try writer.put(.issuingAuthority, identity.issuingAuthority ?? "")
        case .hongKongMacaoTaiwanResidencePermit:
            try writer.put(.name, identity.name)
            try writer.put(.address, identity.address ?? "")
            try writer.put(.issuingAuthority, identity.issuingAuthority ?? "")
            try writer.put(.travelPermitNumber, identity.travelPermitNumber ?? "")
            try writer.put(.issueCount, identity.issueCount.map(Self.twoDigits) ?? "")
        case .foreignPermanentResident2017:
            try writer.put(.name, identity.name == identity.englishName ? "" : identity.name)
            try writer.put(.englishName, identity.englishName ?? "")
            try writer.put(.nationality, identity.nationality ?? "")
            try writer.put(.cardVersion, identity.cardVersion ?? "")
            try writer.put(.acceptingOffice, identity.issuingAuthority ?? "")
        case .foreignPermanentResident2023:
            try writer.put(.name, identity.name == identity.englishName ? "" : identity.name)
            let english = Array((identity.englishName ?? "").unicodeScalars)
            let firstCapacity = layout.field(.englishName)!.characterCount
            let secondCapacity = layout.field(.englishNameContinued)!.characterCount
            if english.count > firstCapacity + secondCapacity {
                throw .fieldTooLong(.englishName, characters: english.count, capacity: firstCapacity + secondCapacity)
            }
            try writer.put(.englishName, String(String.UnicodeScalarView(english.prefix(firstCapacity))))
            try writer.put(.englishNameContinued, String(String.UnicodeScalarView(english.dropFirst(firstCapacity))))
            try writer.put(.nationality, identity.nationality ?? "")
            try writer.put(.issueCount, identity.issueCount.map(Self.twoDigits) ?? "")
        }
        return writer.block
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : String(value)
    }
}

/// A 256-byte block of spaces that fields are written into.
private struct BlockWriter {
    let layout: CardTextLayout
    var block: [UInt8]

    init(layout: CardTextLayout) {
        self.layout = layout
        self.block = Array(repeating: 0, count: CardTextLayout.blockLength)
        for index in stride(from: 0, to: CardTextLayout.blockLength, by: 2) { self.block[index] = 0x20 }
    }

    mutating func put(_ name: CardTextField.Name, _ value: String) throws(CardTextError) {
        guard let field = self.layout.field(name) else { preconditionFailure("layout \(self.layout.cardType) has no \(name)") }
        let scalars = Array(value.unicodeScalars)
        guard scalars.count <= field.characterCount else {
            throw .fieldTooLong(name, characters: scalars.count, capacity: field.characterCount)
        }
        for (index, scalar) in scalars.enumerated() {
            guard scalar.value <= 0xFFFF else { throw .invalidCharacter(field: name, offset: field.offset) }
            self.block[field.offset + index * 2] = UInt8(scalar.value & 0xFF)
            self.block[field.offset + index * 2 + 1] = UInt8(scalar.value >> 8)
        }
    }
}
