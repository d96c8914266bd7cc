import Foundation
import KioskCore

/// Records from the synthetic demo data in `seeds/records.json`: the default provider, so a
/// kiosk (and the demo) works end to end without a government gateway.
public struct EmbeddedRecordsProvider: RecordsProvider {
    private let books: [DocumentNumber: RecordBook]
    /// Where the seeds came from.
    public let name: String

    /// Creates a provider over record books.
    public init(books: [RecordBook], name: String = "embedded seeds") {
        self.books = Dictionary(books.map { ($0.documentNumber, $0) }, uniquingKeysWith: { first, _ in first })
        self.name = name
    }

    /// Loads `records.json` from a seeds directory.
    /// - Throws: ``RecordsProviderError/misconfigured(_:)`` naming the file and the problem.
    public init(seedsDirectory: URL) throws(RecordsProviderError) {
        let file = seedsDirectory.appendingPathComponent("records.json")
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw .misconfigured("cannot read \(file.path): \(error.localizedDescription)")
        }
        do {
            self.init(books: try RecordBookFile.decode(data), name: "embedded seeds (\(file.path))")
        } catch {
            throw .misconfigured("\(error)")
        }
    }

    public func records(from source: RecordsSource, for documentNumber: DocumentNumber) async throws(RecordsProviderError) -> CitizenRecords? {
        self.books[documentNumber]?.records(from: source)
    }

    /// How many citizens the seeds describe.
    public var citizenCount: Int { self.books.count }
}
