import Foundation
import KioskCore
import KioskTestSupport
import Records
import Testing

@Suite("Embedded records provider")
struct EmbeddedRecordsProviderTests {
    @Test func answersFromTheShippedSeeds() async throws {
        let provider = try EmbeddedRecordsProvider(seedsDirectory: Fixtures.repositoryRoot.appendingPathComponent("seeds"))
        #expect(provider.citizenCount == 9)
        let alpha = try Fixtures.citizen("alpha").identity.documentNumber
        let fines = try await provider.records(from: .trafficViolations, for: alpha)
        #expect(fines?.amountDue == .yuan(350))
        let india = try Fixtures.citizen("india").identity.documentNumber
        #expect(try await provider.records(from: .socialInsurance, for: india) == nil)
    }

    @Test func aMissingSeedFileIsAConfigurationError() {
        #expect(throws: RecordsProviderError.self) {
            _ = try EmbeddedRecordsProvider(seedsDirectory: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
