import CertificatePrinter
import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("Proof rendering: PDF checked with qpdf, pdftotext, pdffonts and zbarimg")
struct ProofRenderingTests {
    static let key = IssuingKey()

    struct Case: CustomTestStringConvertible, Sendable {
        var citizen: String
        var template: DocumentTemplate
        var minimumPages: Int
        var maximumPages: Int
        var testDescription: String { "\(self.template.rawValue) for \(self.citizen)" }
    }

    static let cases: [Case] = [
        Case(citizen: "bravo", template: .socialInsuranceContribution, minimumPages: 1, maximumPages: 1),
        Case(citizen: "alpha", template: .socialInsuranceContribution, minimumPages: 2, maximumPages: 3),
        Case(citizen: "charlie", template: .socialInsuranceContribution, minimumPages: 6, maximumPages: 10),
        Case(citizen: "alpha", template: .householdRegistration, minimumPages: 1, maximumPages: 1),
        Case(citizen: "charlie", template: .noCriminalRecord, minimumPages: 1, maximumPages: 1),
    ]

    @Test(arguments: cases)
    func rendersAVerifiableA4Proof(_ testCase: Case) async throws {
        let document = try ProofFixtures.document(testCase.citizen, testCase.template)
        let identity = try Fixtures.citizen(testCase.citizen).identity
        let payload = try Self.key.sign(document)
        let rendered = try ProofRenderer().render(document, payload: payload)
        #expect((testCase.minimumPages...testCase.maximumPages).contains(rendered.pageCount))

        let directory = try Fixtures.temporaryDirectory("proof-render")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = try PDFInspection(pdf: rendered.pdf, in: directory, keepAs: "\(testCase.template.rawValue)-\(testCase.citizen).pdf")

        #expect(try await pdf.qpdfCheck().contains("No syntax or stream encoding errors found"))
        let info = try await pdf.info()
        #expect(info["Pages"] == String(rendered.pageCount))
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89 pts (A4)") == true)

        // Fonts: the CJK font, embedded as subsets with a ToUnicode map (so text extracts).
        let fonts = try await pdf.fonts()
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.embedded && font.subset && font.unicode, "\(font.name) \(font.type)")
            #expect(font.name.contains("+NotoSansCJK"), "\(font.name)")
        }

        // Text: title, the name in full, the number masked and never in full, page N of M on every page.
        let pages = try await pdf.pagesText()
        #expect(pages.count == rendered.pageCount)
        let all = pages.joined(separator: "\n")
        #expect(all.contains(testCase.template.title.zh))
        #expect(all.contains(identity.name))
        #expect(all.contains(identity.documentNumber.masked))
        #expect(!all.contains(identity.documentNumber.unmaskedValue))
        #expect(all.contains(payload.verificationCode))
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Page \(index + 1) of \(pages.count)"))
            #expect(page.contains("第 \(index + 1) 页 / 共 \(pages.count) 页"))
            #expect(page.contains(document.transactionID.description))
        }
        if case .socialInsurance(let history) = try ProofFixtures.job(testCase.citizen, testCase.template).records {
            // Every month is printed, and the table header repeats on every page with rows.
            for month in history.contributions { #expect(all.contains(month.month.description)) }
            for (index, page) in pages.enumerated() where index < pages.count - 1 || page.contains("合计 Total") {
                #expect(page.contains("缴费年月"), "page \(index + 1) lacks the table header")
            }
            #expect(all.contains("合计 Total"))
            #expect(all.contains("\(history.paidMonths) 个月 months"))
        }

        // The QR code, decoded from the rendered pages (not from our encoder's input), verifies.
        let decoded = try await pdf.decodeQRCodes()
        #expect(decoded.count == rendered.pageCount)
        let verifier = ProofVerifier(trustedKeys: TrustedKeys(publicKey: Self.key.publicKey, label: "HS-0001"))
        for text in decoded {
            let result = verifier.verify(text, on: document.issuedAt.chinaDate, document: document)
            #expect(result.isValid, "\(result)")
            #expect(text == payload.text)
            #expect(!text.contains(identity.documentNumber.unmaskedValue))
        }
    }

    @Test func aCriminalRecordHitIsRefused() async throws {
        #expect(throws: ProofError.self) { try ProofFixtures.document("hotel", .noCriminalRecord) }
        do {
            _ = try ProofFixtures.document("hotel", .noCriminalRecord)
        } catch let error as ProofError {
            guard case .refused = error else { Issue.record("expected refusal, got \(error)"); return }
        }
    }

    @Test func recordsOfTheWrongKindAreATypedError() async throws {
        var job = try ProofFixtures.job("alpha", .socialInsuranceContribution)
        job.template = .householdRegistration
        #expect(throws: ProofError.recordsMismatch(template: .householdRegistration, source: .socialInsurance)) {
            try ProofDocument(job: job, context: ProofFixtures.context)
        }
    }

    @Test func aMissingFontIsATypedError() {
        #expect(throws: ProofError.self) { try ProofRenderer(fontFamily: "No Such Font Family 9000") }
    }

    @Test func anotherCJKFontCanBeConfigured() async throws {
        let document = try ProofFixtures.document("bravo", .socialInsuranceContribution)
        let rendered = try ProofRenderer(fontFamily: "WenQuanYi Micro Hei").render(document, payload: try Self.key.sign(document))
        let directory = try Fixtures.temporaryDirectory("proof-render")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fonts = try await PDFInspection(pdf: rendered.pdf, in: directory, keepAs: "wenquanyi-bravo.pdf").fonts()
        // WenQuanYi has no bold face: cairo embeds the emboldened glyphs as its own subset font.
        #expect(fonts.contains { $0.name.contains("+WenQuanYiMicroHei") })
        for font in fonts { #expect(font.embedded && font.subset, "\(font.name) \(font.type)") }
    }

    @Test func theDocumentNeverDescribesItsCitizen() async throws {
        let document = try ProofFixtures.document("alpha", .householdRegistration)
        var dumped = ""
        dump(document, to: &dumped)
        for text in [document.description, String(reflecting: document), dumped] {
            #expect(!text.contains("测试甲"))
            #expect(!text.contains("330203198504123518"))
        }
    }

    @Test func anyChangeToTheContentChangesItsDigest() async throws {
        let document = try ProofFixtures.document("alpha", .socialInsuranceContribution)
        var changedRow = document
        changedRow.table?.rows[7][5] = "336.01"
        var changedName = document
        changedName.citizen.name = "测试乙"
        var changedTime = document
        changedTime.issuedAt.secondsSinceEpoch += 1
        let digests = Set([document, changedRow, changedName, changedTime].map { $0.contentDigest() })
        #expect(digests.count == 4)
        #expect(document.contentDigest() == (try ProofFixtures.document("alpha", .socialInsuranceContribution).contentDigest()))
    }
}
