import CertificatePrinter
import Foundation
import KioskCore
import KioskTestSupport

/// Jobs, contexts and keys built from the synthetic seeds.
enum ProofFixtures {
    static let context = IssueContext(
        kioskID: "HS-0001", issuingOffice: "宁波市公安局海曙分局（演示）", issuedAt: IssueTime(secondsSinceEpoch: 1_772_331_825))

    static func job(_ citizen: String, _ template: DocumentTemplate, session: UInt64 = 42) throws -> CertificateJob {
        let book = try Fixtures.recordBook(for: citizen)
        let source: RecordsSource
        switch template {
        case .socialInsuranceContribution: source = .socialInsurance
        case .householdRegistration: source = .householdRegistration
        case .noCriminalRecord: source = .criminalRecord
        }
        guard let records = book.records(from: source) else { throw FixtureError.noRecords(citizen, source) }
        return CertificateJob(
            transactionID: TransactionID(session: SessionID(kioskID: "HS-0001", number: session)),
            service: ServiceCode(rawValue: "proof"), template: template, identity: try Fixtures.citizen(citizen).identity,
            records: records)
    }

    static func document(_ citizen: String, _ template: DocumentTemplate, session: UInt64 = 42) throws -> ProofDocument {
        try ProofDocument(job: job(citizen, template, session: session), context: context)
    }

    enum FixtureError: Error { case noRecords(String, RecordsSource) }
}
