import IDCardReader
import KioskCore
import KioskTestSupport
import Testing

/// UCS-2LE text padded with spaces to `byteCount`, written independently of the encoder.
func ucs2(_ text: String, _ byteCount: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    while bytes.count < byteCount { bytes += [0x20, 0x00] }
    precondition(bytes.count == byteCount, "\(text) does not fit \(byteCount) bytes")
    return bytes
}

@Suite("Card text block")
struct CardTextTests {
    /// A resident block laid out by hand from the GA 490 table (research §3.2).
    static let residentBlock: [UInt8] =
        ucs2("测试甲", 30) + ucs2("1", 2) + ucs2("01", 4) + ucs2("19850412", 16) + ucs2("浙江省宁波市海曙区示例路1号101室", 70)
        + ucs2("330203198504123518", 36) + ucs2("宁波市公安局海曙分局", 30) + ucs2("20180601", 16) + ucs2("20380601", 16) + ucs2("", 36)

    @Test func aResidentBlockLaidOutByHandDecodes() throws {
        #expect(Self.residentBlock.count == 256)
        let identity = try CardTextDecoder.decode(Self.residentBlock)
        #expect(identity == (try Fixtures.citizen("alpha")).identity)
        #expect(identity.ethnicity?.name.zh == "汉")
        #expect(identity.sex == .male)
    }

    @Test func theWorkedExampleNameDecodes() throws {
        // chinasem.cn: 8B 73 8E 7F 1C 5A decodes to 王美娜 followed by 12 spaces (research §3.2).
        var block = Self.residentBlock
        block.replaceSubrange(0..<30, with: hex("8B 73 8E 7F 1C 5A") + [UInt8](repeating: 0, count: 24).enumerated().map { $0.offset % 2 == 0 ? 0x20 : 0x00 })
        #expect(try CardTextDecoder.decode(block).name == "王美娜")
    }

    @Test func longTermValidityAndAnXCheckCharacterSurvive() throws {
        var block = Self.residentBlock
        block.replaceSubrange(122..<158, with: ucs2("11010519491231002X", 36))
        block.replaceSubrange(36..<52, with: ucs2("19491231", 16))
        block.replaceSubrange(204..<220, with: ucs2("长期", 16))
        let identity = try CardTextDecoder.decode(block)
        #expect(identity.validity.end == .longTerm)
        #expect(identity.documentNumber.unmaskedValue == "11010519491231002X")
    }

    @Test("every seed citizen's card encodes and decodes to the same identity", arguments: try Fixtures.citizens())
    func seedRoundTrip(_ citizen: SyntheticCitizen) throws {
        let block = try CardTextEncoder.encode(citizen.identity)
        #expect(block.count == 256)
        #expect(try CardTextDecoder.cardType(of: block) == citizen.identity.cardType)
        #expect(try CardTextDecoder.decode(block) == citizen.identity)
    }

    @Test func foreignCardsKeepSpacesInsideEnglishNamesAndTheirTypeLetter() throws {
        let foxtrot = try CardTextEncoder.encode(try Fixtures.citizen("foxtrot").identity)
        #expect(Array(foxtrot[248..<250]) == [0x49, 0x00])  // "I"
        #expect(Array(foxtrot[0..<12]) == ucs2("SAMPLE", 12))
        #expect(try CardTextDecoder.decode(foxtrot).englishName == "SAMPLE FOXTROT TESTER")
        let golf = try CardTextEncoder.encode(try Fixtures.citizen("golf").identity)
        #expect(Array(golf[248..<250]) == [0x59, 0x00])  // "Y"
        #expect(Array(golf[242..<248]) == ucs2("840", 6))
        let echo = try CardTextEncoder.encode(try Fixtures.citizen("echo").identity)
        #expect(Array(echo[248..<250]) == [0x4A, 0x00])  // "J"
        #expect(Array(echo[220..<238]) == ucs2("H90000001", 18))
        #expect(Array(echo[238..<242]) == ucs2("01", 4))
    }

    @Test func aYCardEnglishNameLongerThan35CharactersSpansBothFields() throws {
        var identity = try Fixtures.citizen("golf").identity
        identity.englishName = "SAMPLE GOLF TESTER WITH A VERY LONG NAME XYZ"  // 44 characters
        let block = try CardTextEncoder.encode(identity)
        #expect(Array(block[52..<122]) == ucs2(String(identity.englishName!.prefix(35)), 70))
        #expect(try CardTextDecoder.decode(block).englishName == identity.englishName)
        identity.englishName = String(repeating: "A", count: 47)
        #expect(throws: CardTextError.fieldTooLong(.englishName, characters: 47, capacity: 46)) { try CardTextEncoder.encode(identity) }
    }

    @Test func malformedBlocksNameTheFieldAndOffset() throws {
        #expect(throws: CardTextError.wrongBlockLength(255)) { try CardTextDecoder.decode(Array(Self.residentBlock.prefix(255))) }
        var block = Self.residentBlock
        block.replaceSubrange(248..<250, with: [0x5A, 0x00])
        #expect(throws: CardTextError.unknownCardType(codeUnit: 0x5A)) { try CardTextDecoder.decode(block) }

        block = Self.residentBlock
        block.replaceSubrange(36..<52, with: ucs2("19850231", 16))
        #expect(throws: CardTextError.invalidField(.birthDate, offset: 36, reason: "not a real date in YYYYMMDD form")) {
            try CardTextDecoder.decode(block)
        }

        block = Self.residentBlock
        block.replaceSubrange(122..<158, with: ucs2("330203198504123519", 36))
        #expect(throws: CardTextError.invalidNumber(offset: 122, .checkCharacterMismatch(expected: "8", found: "9"))) {
            try CardTextDecoder.decode(block)
        }

        block = Self.residentBlock
        block.replaceSubrange(0..<30, with: ucs2("", 30))
        #expect(throws: CardTextError.missingField(.name, offset: 0)) { try CardTextDecoder.decode(block) }

        block = Self.residentBlock
        block.replaceSubrange(2..<4, with: [0x00, 0xD8])  // a lone surrogate
        #expect(throws: CardTextError.invalidCharacter(field: .name, offset: 0)) { try CardTextDecoder.decode(block) }

        block = Self.residentBlock
        block.replaceSubrange(204..<220, with: ucs2("20100101", 16))
        #expect(throws: CardTextError.invalidField(.validTo, offset: 204, reason: "ends before the validity starts")) {
            try CardTextDecoder.decode(block)
        }
    }

    @Test func errorsNeverRepeatTheCardsContent() {
        var block = Self.residentBlock
        block.replaceSubrange(36..<52, with: ucs2("19850231", 16))
        do {
            _ = try CardTextDecoder.decode(block)
            Issue.record("decoded an impossible birth date")
        } catch {
            #expect(error.description == "birth date 出生日期 at byte 36: not a real date in YYYYMMDD form")
            #expect(!error.description.contains("1985"))
        }
    }

    @Test func anUnknownEthnicityCodeDoesNotRefuseTheCard() throws {
        var block = Self.residentBlock
        block.replaceSubrange(32..<36, with: ucs2("77", 4))
        #expect(try CardTextDecoder.decode(block).ethnicity == nil)
    }

    @Test func theTechnicianFieldListFollowsTheLayout() throws {
        let (type, fields) = try CardTextDecoder.fields(of: Self.residentBlock)
        #expect(type == .residentID)
        #expect(fields.map(\.0.name) == [.name, .sex, .ethnicity, .birthDate, .address, .number, .issuingAuthority, .validFrom, .validTo])
        #expect(fields.map(\.0.offset) == [0, 30, 32, 36, 52, 122, 158, 188, 204])
        for layout in [CardTextLayout.resident, .foreignPermanentResident2017, .residencePermit, .foreignPermanentResident2023] {
            var next = 0
            for field in layout.fields {
                #expect(field.offset == next, "\(layout.cardType) \(field.name) starts at \(field.offset), expected \(next)")
                next = field.offset + field.byteCount
            }
            #expect(next == 256, "\(layout.cardType) covers \(next) bytes")
        }
    }
}

extension CardTextTests {
    @Test func theFieldListShowsABadCharacterInsteadOfHidingTheOtherFields() throws {
        var block = try CardTextEncoder.encode(try Fixtures.citizen("golf").identity)
        block.replaceSubrange(250..<252, with: [0x00, 0xDC])  // a lone surrogate in a field decode() does not read
        #expect(try CardTextDecoder.decode(block) == (try Fixtures.citizen("golf")).identity)
        let (_, fields) = try CardTextDecoder.fields(of: block)
        #expect(fields.first { $0.0.name == .previousNumberLink }?.1 == "\u{FFFD}")
        #expect(fields.first { $0.0.name == .nationality }?.1 == "840")
    }
}
