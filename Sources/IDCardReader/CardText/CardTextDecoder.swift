import KioskCore

/// Decodes the 256-byte text block of a resident ID card, an `I` or `Y` foreign permanent
/// resident card or a `J` residence permit into an ``Identity`` (layouts in ``CardTextLayout``).
///
/// - Fields are UCS-2 little-endian; spaces (`20 00`), NULs and ideographic spaces are trimmed
///   at both ends only, so English names keep their inner spaces and numbers their final `X`
///   (research §7.6 lists readers that got both wrong).
/// - The validity end may be `长期` (long-term).
/// - An unknown ethnicity code decodes to `nil` rather than refusing the citizen's card; every
///   other malformed field throws a ``CardTextError`` naming the field and its byte offset.
///
/// The decoder does not judge validity dates or number consistency against today: that is
/// ``Identity/validate(on:)``, which the session calls.
public enum CardTextDecoder {
    /// Tells the card type from the letter at byte 248.
    /// - Throws: ``CardTextError`` when the block is not 256 bytes or the letter is unknown.
    public static func cardType(of block: [UInt8]) throws(CardTextError) -> CardType {
        guard block.count == CardTextLayout.blockLength else { throw .wrongBlockLength(block.count) }
        let unit = UInt16(block[CardTextLayout.typeLetterOffset]) | UInt16(block[CardTextLayout.typeLetterOffset + 1]) << 8
        switch unit {
        case 0x0020, 0x0000: return .residentID
        case 0x0049: return .foreignPermanentResident2017
        case 0x004A: return .hongKongMacaoTaiwanResidencePermit
        case 0x0059: return .foreignPermanentResident2023
        default: throw .unknownCardType(codeUnit: unit)
        }
    }

    /// The trimmed text of every field, in block order, for a technician's report. A code unit
    /// that is not UCS-2 text shows as U+FFFD, so one bad field does not hide the others.
    /// - Throws: ``CardTextError`` for a wrong size or an unknown type letter.
    public static func fields(of block: [UInt8]) throws(CardTextError) -> (cardType: CardType, fields: [(CardTextField, String)]) {
        let cardType = try self.cardType(of: block)
        let layout = CardTextLayout.layout(for: cardType)
        var values: [(CardTextField, String)] = []
        for field in layout.fields where field.name != .reserved {
            let units = stride(from: field.offset, to: field.offset + field.byteCount - 1, by: 2).map {
                UInt16(block[$0]) | UInt16(block[$0 + 1]) << 8
            }
            values.append((field, self.trim(String(decoding: units, as: UTF16.self))))
        }
        return (cardType, values)
    }

    /// Decodes a text block.
    /// - Throws: ``CardTextError`` naming the first field that is wrong.
    public static func decode(_ block: [UInt8]) throws(CardTextError) -> Identity {
        let cardType = try self.cardType(of: block)
        let reader = FieldReader(block: block, layout: CardTextLayout.layout(for: cardType))
        switch cardType {
        case .residentID: return try self.decodeResident(reader)
        case .hongKongMacaoTaiwanResidencePermit: return try self.decodeResidencePermit(reader)
        case .foreignPermanentResident2017: return try self.decodeForeign2017(reader)
        case .foreignPermanentResident2023: return try self.decodeForeign2023(reader)
        }
    }

    private static func decodeResident(_ reader: FieldReader) throws(CardTextError) -> Identity {
        Identity(
            cardType: .residentID, name: try reader.required(.name), sex: Sex(code: try reader.text(.sex)),
            ethnicity: Ethnicity(code: try reader.text(.ethnicity)), birthDate: try reader.date(.birthDate),
            address: try reader.optional(.address), documentNumber: .gb11643(try reader.idNumber()),
            issuingAuthority: try reader.optional(.issuingAuthority), validity: try reader.validity())
    }

    private static func decodeResidencePermit(_ reader: FieldReader) throws(CardTextError) -> Identity {
        Identity(
            cardType: .hongKongMacaoTaiwanResidencePermit, name: try reader.required(.name), sex: Sex(code: try reader.text(.sex)),
            birthDate: try reader.date(.birthDate), address: try reader.optional(.address),
            documentNumber: .gb11643(try reader.idNumber()), issuingAuthority: try reader.optional(.issuingAuthority),
            validity: try reader.validity(), travelPermitNumber: try reader.optional(.travelPermitNumber),
            issueCount: try reader.count(.issueCount))
    }

    private static func decodeForeign2017(_ reader: FieldReader) throws(CardTextError) -> Identity {
        let englishName = try reader.optional(.englishName)
        let chineseName = try reader.optional(.name)
        guard let name = chineseName ?? englishName else { throw .missingField(.name, offset: reader.offset(.name)) }
        let numberText = try reader.required(.number)
        let number: DocumentNumber
        do {
            number = try DocumentNumber.foreignPermanentResident2017(parsing: numberText)
        } catch {
            throw .invalidNumber(offset: reader.offset(.number), error)
        }
        return Identity(
            cardType: .foreignPermanentResident2017, name: name, englishName: englishName, sex: Sex(code: try reader.text(.sex)),
            birthDate: try reader.date(.birthDate), documentNumber: number, issuingAuthority: try reader.optional(.acceptingOffice),
            validity: try reader.validity(), nationality: try reader.optional(.nationality),
            cardVersion: try reader.optional(.cardVersion))
    }

    private static func decodeForeign2023(_ reader: FieldReader) throws(CardTextError) -> Identity {
        // The English name runs over two fields; join the raw halves before trimming so a name
        // longer than 35 characters keeps the space at the join.
        let englishName = trim(try reader.rawText(.englishName) + (try reader.rawText(.englishNameContinued)))
        let chineseName = try reader.optional(.name)
        guard let name = chineseName ?? (englishName.isEmpty ? nil : englishName) else {
            throw .missingField(.name, offset: reader.offset(.name))
        }
        return Identity(
            cardType: .foreignPermanentResident2023, name: name, englishName: englishName.isEmpty ? nil : englishName,
            sex: Sex(code: try reader.text(.sex)), birthDate: try reader.date(.birthDate),
            documentNumber: .gb11643(try reader.idNumber()), validity: try reader.validity(),
            nationality: try reader.optional(.nationality), issueCount: try reader.count(.issueCount))
    }

    /// The trimmed text of one field.
    static func text(of field: CardTextField, in block: [UInt8]) throws(CardTextError) -> String {
        trim(try self.rawText(of: field, in: block))
    }

    /// The untrimmed text of one field.
    static func rawText(of field: CardTextField, in block: [UInt8]) throws(CardTextError) -> String {
        var scalars = String.UnicodeScalarView()
        var index = field.offset
        let end = field.offset + field.byteCount
        while index + 1 < end {
            let unit = UInt32(block[index]) | UInt32(block[index + 1]) << 8
            guard let scalar = Unicode.Scalar(unit) else { throw .invalidCharacter(field: field.name, offset: field.offset) }
            scalars.append(scalar)
            index += 2
        }
        return String(scalars)
    }

    /// Removes padding (space, NUL, ideographic space) at both ends.
    static func trim(_ text: String) -> String {
        let padding: Set<Unicode.Scalar> = [" ", "\0", "\u{3000}"]
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, padding.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, padding.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

/// Reads typed fields from one block with one layout.
private struct FieldReader {
    let block: [UInt8]
    let layout: CardTextLayout

    func field(_ name: CardTextField.Name) -> CardTextField {
        guard let field = self.layout.field(name) else { preconditionFailure("layout \(self.layout.cardType) has no \(name)") }
        return field
    }

    func offset(_ name: CardTextField.Name) -> Int { self.field(name).offset }

    func rawText(_ name: CardTextField.Name) throws(CardTextError) -> String {
        try CardTextDecoder.rawText(of: self.field(name), in: self.block)
    }

    func text(_ name: CardTextField.Name) throws(CardTextError) -> String {
        try CardTextDecoder.text(of: self.field(name), in: self.block)
    }

    func optional(_ name: CardTextField.Name) throws(CardTextError) -> String? {
        let value = try self.text(name)
        return value.isEmpty ? nil : value
    }

    func required(_ name: CardTextField.Name) throws(CardTextError) -> String {
        guard let value = try self.optional(name) else { throw .missingField(name, offset: self.offset(name)) }
        return value
    }

    func date(_ name: CardTextField.Name) throws(CardTextError) -> CalendarDate {
        guard let date = CalendarDate(yyyymmdd: try self.required(name)) else {
            throw .invalidField(name, offset: self.offset(name), reason: "not a real date in YYYYMMDD form")
        }
        return date
    }

    func idNumber() throws(CardTextError) -> IDNumber {
        let text = try self.required(.number)
        do {
            return try IDNumber(text)
        } catch {
            throw .invalidNumber(offset: self.offset(.number), error)
        }
    }

    func validity() throws(CardTextError) -> ValidityPeriod {
        let start = try self.date(.validFrom)
        let endText = try self.required(.validTo)
        if endText == "长期" { return ValidityPeriod(start: start, end: .longTerm) }
        guard let end = CalendarDate(yyyymmdd: endText) else {
            throw .invalidField(.validTo, offset: self.offset(.validTo), reason: "neither a YYYYMMDD date nor 长期")
        }
        guard end >= start else {
            throw .invalidField(.validTo, offset: self.offset(.validTo), reason: "ends before the validity starts")
        }
        return ValidityPeriod(start: start, end: .date(end))
    }

    func count(_ name: CardTextField.Name) throws(CardTextError) -> Int? {
        guard let text = try self.optional(name) else { return nil }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), let value = Int(text) else {
            throw .invalidField(name, offset: self.offset(name), reason: "not a decimal count")
        }
        return value
    }
}
