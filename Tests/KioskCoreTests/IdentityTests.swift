import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("Identity, masking and validity")
struct IdentityTests {
    let today = CalendarDate(year: 2026, month: 11, day: 26)!

    @Test func maskingFollowsTheKioskRules() {
        #expect(PersonalDataMask.idNumber("33020319850412123X") == "330203********123X")
        #expect(PersonalDataMask.idNumber("USA330283052001") == "USA********2001")
        #expect(PersonalDataMask.name("张三") == "张*")
        #expect(PersonalDataMask.name("王美娜") == "王**")
        #expect(PersonalDataMask.name("SAMPLE GOLF TESTER") == "S***** G*** T*****")
        #expect(PersonalDataMask.address("浙江省宁波市海曙区示例路1号") == "浙江省宁波市****")
        #expect(PersonalDataMask.paymentCode("134567890123456789") == "**************6789")
    }

    @Test func identityDescriptionsNeverLeakPersonalData() throws {
        for citizen in try Fixtures.citizens() {
            let identity = citizen.identity
            let full = identity.documentNumber.unmaskedValue
            var dumped = ""
            dump(identity, to: &dumped)
            for text in ["\(identity)", String(reflecting: identity), dumped] {
                #expect(!text.contains(full), "leaked \(citizen.key)")
                if let address = identity.address { #expect(!text.contains(address)) }
                #expect(!text.contains(identity.name) || identity.name.count <= 1)
            }
        }
    }

    @Test func seedCitizensValidateExceptTheExpiredOne() throws {
        for citizen in try Fixtures.citizens() {
            if citizen.key == "delta" {
                #expect(throws: CardRejection.expired(CalendarDate(year: 2020, month: 5, day: 1)!)) {
                    try citizen.identity.validate(on: today)
                }
            } else {
                try citizen.identity.validate(on: today)
            }
        }
    }

    @Test func longTermValidityNeverExpires() throws {
        let charlie = try Fixtures.citizen("charlie").identity
        #expect(charlie.validity.end == .longTerm)
        #expect(charlie.validity.contains(CalendarDate(year: 2099, month: 1, day: 1)!))
        #expect(ValidityPeriod(startText: "20080901", endText: "长期")?.end == .longTerm)
        #expect(ValidityPeriod(startText: "20080901", endText: "20070101") == nil)
    }

    @Test func inconsistentCardDataIsRejected() throws {
        var identity = try Fixtures.citizen("alpha").identity
        identity.birthDate = CalendarDate(year: 1985, month: 4, day: 13)!
        #expect(throws: CardRejection.inconsistentData("birth date differs from the ID number")) { try identity.validate(on: today) }
        identity = try Fixtures.citizen("alpha").identity
        identity.sex = .female
        #expect(throws: CardRejection.inconsistentData("sex differs from the ID number")) { try identity.validate(on: today) }
        identity = try Fixtures.citizen("alpha").identity
        #expect(throws: CardRejection.notYetValid(identity.validity.start)) { try identity.validate(on: CalendarDate(year: 2017, month: 1, day: 1)!) }
    }

    @Test func allFourCardTypesAreInTheSeeds() throws {
        let types = Set(try Fixtures.citizens().map(\.identity.cardType))
        #expect(types == Set(CardType.allCases))
        let foxtrot = try Fixtures.citizen("foxtrot").identity
        #expect(foxtrot.documentNumber.masked == "USA********2001")
        #expect(foxtrot.englishName == "SAMPLE FOXTROT TESTER")
    }

    @Test func ethnicityAndSexCodes() {
        #expect(Ethnicity(code: "01")?.name.zh == "汉")
        #expect(Ethnicity(code: "56")?.name.en == "Jino")
        #expect(Ethnicity(code: "98") != nil)
        #expect(Ethnicity(code: "57") == nil)
        #expect(Ethnicity.allCodes.count == 58)
        #expect(Sex(code: "9") == .unspecified)
        #expect(Sex(code: "7") == .unknown)
    }

    @Test func calendarDateArithmetic() {
        let leap = CalendarDate(year: 2000, month: 2, day: 29)!
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(leap.adding(days: 1) == CalendarDate(year: 2000, month: 3, day: 1))
        #expect(CalendarDate(daysSinceEpoch: 0) == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(CalendarDate(daysSinceEpoch: leap.daysSinceEpoch) == leap)
        #expect(leap.age(on: CalendarDate(year: 2026, month: 2, day: 28)!) == 25)
        #expect(CalendarDate(yyyymmdd: "19491231")?.description == "1949-12-31")
    }
}
