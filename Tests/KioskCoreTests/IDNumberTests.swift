import KioskCore
import KioskTestSupport
import Testing

@Suite("GB 11643 identity numbers")
struct IDNumberTests {
    /// Worked examples published with the MOD 11-2 algorithm (shared/research/idcard-sam-protocol.md §5).
    @Test(arguments: [
        ("11010519491231002X", "1949-12-31", Sex.female, "110105"),
        ("440524188001010014", "1880-01-01", Sex.male, "440524"),
        ("34052419800101001X", "1980-01-01", Sex.male, "340524"),
        ("370101190102039973", "1901-02-03", Sex.male, "370101"),
    ])
    func publishedExamplesVerify(number: String, birth: String, sex: Sex, region: String) throws {
        let id = try IDNumber(number)
        #expect(id.birthDate.description == birth)
        #expect(id.sex == sex)
        #expect(id.regionCode == region)
        #expect(id.unmaskedValue == number)
        #expect(id.issuer == .mainland)
    }

    @Test func checkCharacterIsComputedFromTheFirst17Digits() {
        let body = "11010519491231002".compactMap(\.wholeNumberValue)
        #expect(IDNumber.checkCharacter(forFirst17: body) == "X")
        #expect(IDNumber.checkCharacter(forFirst17: "44052418800101001".compactMap(\.wholeNumberValue)) == "4")
    }

    @Test func lowerCaseXAndSurroundingSpacesAreAccepted() throws {
        #expect(try IDNumber(" 11010519491231002x\n").unmaskedValue == "11010519491231002X")
    }

    @Test func everyRejectionReason() {
        #expect(throws: IDNumberError.wrongLength(3)) { try IDNumber("123") }
        #expect(throws: IDNumberError.wrongLength(19)) { try IDNumber("11010519491231002X0") }
        #expect(throws: IDNumberError.invalidCharacter(position: 18, found: "A")) { try IDNumber("11010519491231002A") }
        #expect(throws: IDNumberError.invalidCharacter(position: 17, found: "X")) { try IDNumber("1101051949123100X2") }
        #expect(throws: IDNumberError.invalidCharacter(position: 1, found: "-")) { try IDNumber("-1010519491231002X") }
        #expect(throws: IDNumberError.unknownRegion("000105")) { try IDNumber("00010519491231002X") }
        #expect(throws: IDNumberError.unknownRegion("901051")) { try IDNumber("901051194912310021") }
        #expect(throws: IDNumberError.invalidBirthDate("19491331")) { try IDNumber("110105194913310020") }
        #expect(throws: IDNumberError.invalidBirthDate("20230229")) { try IDNumber("110105202302290020") }
        #expect(throws: IDNumberError.checkCharacterMismatch(expected: "X", found: "1")) { try IDNumber("110105194912310021") }
    }

    @Test func birthDateInTheFutureIsRejectedAgainstToday() throws {
        let id = try IDNumber(try Fixtures.citizen("india").identity.documentNumber.unmaskedValue)
        let before = CalendarDate(year: 1999, month: 1, day: 1)!
        #expect(throws: IDNumberError.birthDateInFuture(CalendarDate(year: 2000, month: 2, day: 29)!)) { try id.validate(asOf: before) }
        try id.validate(asOf: CalendarDate(year: 2026, month: 11, day: 26)!)
    }

    @Test func residencePermitAndForeignNumbersAreRecognised() throws {
        let hongKong = try IDNumber(try Fixtures.citizen("echo").identity.documentNumber.unmaskedValue)
        #expect(hongKong.issuer == .hongKongResident)
        let foreign = try IDNumber(try Fixtures.citizen("golf").identity.documentNumber.unmaskedValue)
        #expect(foreign.issuer == .foreignPermanentResident)
        #expect(foreign.provinceCode == "33")
        #expect(foreign.birthDate == CalendarDate(year: 1988, month: 8, day: 8))
        #expect(foreign.sex == .female)
    }

    @Test func theNumberIsMaskedWhereverItIsPrinted() throws {
        let id = try IDNumber("330203198504123518")
        #expect(id.masked == "330203********3518")
        #expect("\(id)" == "330203********3518")
        #expect(String(reflecting: id).contains("330203198504123518") == false)
        var dumped = ""
        dump(id, to: &dumped)
        #expect(!dumped.contains("330203198504123518"))
    }

    @Test func rejectionsExplainThemselvesToCitizensWithoutDigits() {
        let error = IDNumberError.checkCharacterMismatch(expected: "X", found: "1")
        #expect(error.reason.zh == "证件号码校验位错误")
        #expect(error.description.contains("MOD 11-2"))
    }
}
