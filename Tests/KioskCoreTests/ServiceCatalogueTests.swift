import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("Service catalogue")
struct ServiceCatalogueTests {
    @Test func shippedCatalogueLoadsWithEveryService() throws {
        let catalogue = try Fixtures.catalogue()
        #expect(catalogue.oneSwipeDefault == "social-insurance-proof")
        #expect(
            catalogue.services.map(\.code.rawValue) == [
                "social-insurance-proof", "household-registration-proof", "no-criminal-record-proof", "traffic-fine-payment",
                "exit-entry-endorsement-fee", "appointment-progress-lookup",
            ])
        #expect(catalogue["traffic-fine-payment"]?.paymentMethods == [.cash, .paymentCode])
        #expect(catalogue["social-insurance-proof"]?.fee == .free)
    }

    @Test func unhealthyDevicesHideServices() throws {
        let catalogue = try Fixtures.catalogue()
        var usability = SessionHarness.allUsable
        usability[.certificatePrinter] = .unusable(LocalizedText(zh: "打印机缺纸", en: "Printer out of paper"))
        let proof = try #require(catalogue["social-insurance-proof"])
        #expect(proof.availability(usability) == .unavailable([LocalizedText(zh: "打印机缺纸", en: "Printer out of paper")]))
        usability[.billValidator] = .unusable(LocalizedText(verbatim: "jam"))
        let fines = try #require(catalogue["traffic-fine-payment"])
        #expect(fines.availability(usability).isAvailable)
        #expect(fines.usablePaymentMethods(usability) == [.paymentCode])
        usability[.paymentCodeScanner] = .unusable(LocalizedText(verbatim: "gone"))
        #expect(!fines.availability(usability).isAvailable)
    }

    @Test(arguments: [
        (#"{"version":2,"services":[]}"#, "version 2"),
        (#"{"version":1,"oneSwipeDefault":"nope","services":[]}"#, "'nope' is not in the catalogue"),
        (#"{"version":1,"services":[{"code":"x"}]}"#, "services[0].name: required key is missing"),
        (#"{"version":1,"services":[{"code":"x","name":{"zh":"x","en":"x"},"summary":{"zh":"x","en":"x"},"kind":"payment","fee":{"rule":"fixed","amount":"5.00"},"requiredDevices":[],"paymentMethods":[],"records":"exitEntry","printsReceipt":true}]}"#, "lists no payment method"),
        (#"{"version":1,"services":[{"code":"x","name":{"zh":"x","en":"x"},"summary":{"zh":"x","en":"x"},"kind":"proof","fee":{"rule":"gratis"},"requiredDevices":[],"paymentMethods":[],"records":"exitEntry","printsReceipt":true}]}"#, "fee rule 'gratis'"),
    ])
    func brokenCataloguesAreRefusedWithTheReason(json: String, expected: String) {
        do {
            _ = try ServiceCatalogue(jsonData: Data(json.utf8))
            Issue.record("accepted a broken catalogue")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func recordsSeedsDecodeAndComputeWhatIsDue() throws {
        let alpha = try Fixtures.recordBook(for: "alpha")
        #expect(alpha.records(from: .trafficViolations)?.amountDue == Money.yuan(350))
        #expect(alpha.records(from: .socialInsurance)?.count == 60)
        let bravo = try Fixtures.recordBook(for: "bravo")
        #expect(bravo.records(from: .exitEntry)?.amountDue == Money.yuan(15))
        #expect(try Fixtures.recordBook(for: "charlie").records(from: .socialInsurance)?.count == 240)
        #expect(try Fixtures.recordBook(for: "india").records(from: .socialInsurance) == nil)
    }

    @Test func recordsRoundTripThroughTheGatewayFormat() throws {
        let records = try #require(try Fixtures.recordBook(for: "alpha").records(from: .trafficViolations))
        let data = try JSONEncoder().encode(records)
        #expect(try JSONDecoder().decode(CitizenRecords.self, from: data) == records)
    }
}
