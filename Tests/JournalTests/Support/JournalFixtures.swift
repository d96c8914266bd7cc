import Foundation
import Journal
import KioskCore
import KioskTestSupport
import OneTripSQLite
import UploadContract

/// Journals in temporary directories and realistic visits from the real session machine.
enum JournalFixtures {
    static let kioskID = "TEST-01"

    /// A fresh journal file path in its own temporary directory.
    static func temporaryPath(_ label: String = "journal") throws -> String {
        try Fixtures.temporaryDirectory("onetrip-\(label)").appendingPathComponent("onetrip.sqlite").path
    }

    /// Opens a journal.
    static func open(_ path: String, configure: (inout JournalConfiguration) -> Void = { _ in }) async throws -> Journal {
        var configuration = JournalConfiguration(kioskID: kioskID)
        configure(&configuration)
        return try await Journal.open(path: path, configuration: configuration)
    }

    /// The keyer tests use (a fixed test secret).
    static let keyer = try! CitizenKeyer(secret: Array("onetrip-test-citizen-key-secret!".utf8))

    /// A card reading of a synthetic citizen with its real keyed hash.
    static func reading(_ key: String) throws -> CardReading {
        let identity = try Fixtures.citizen(key).identity
        return CardReading(identity: identity, citizenKey: keyer.key(for: identity.documentNumber))
    }

    /// Runs the session until idle (collect and idle deadlines pass).
    static func finish(_ kiosk: inout SessionHarness) {
        for _ in 0..<10 where kiosk.state != .idle { kiosk.advance(by: .seconds(120)) }
    }

    /// A traffic fine paid in cash with an overpayment voucher (menu mode).
    static func paidTrafficFine(_ kiosk: inout SessionHarness, citizen: String = "alpha") throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(try reading(citizen)))
        guard let request = kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest else { throw TestFailure("no records request") }
        guard let records = try Fixtures.recordBook(for: citizen).records(from: .trafficViolations) else { throw TestFailure("no records") }
        kiosk.send(.recordsFetched(request.sessionID, records))
        kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        for _ in 0..<4 {
            kiosk.send(.noteEscrowed(transaction, .yuan(100)))
            kiosk.send(.noteCredited(transaction, .yuan(100)))
        }
        kiosk.send(.receiptPrinted(transaction))
        finish(&kiosk)
        return kiosk.log[start...].compactMap(\.journalEntry)
    }

    /// Part of a fine paid, then the citizen walks away: money taken, operator needed.
    static func abandonedPayment(_ kiosk: inout SessionHarness, citizen: String = "alpha") throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(try reading(citizen)))
        guard let request = kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest else { throw TestFailure("no records request") }
        guard let records = try Fixtures.recordBook(for: citizen).records(from: .trafficViolations) else { throw TestFailure("no records") }
        kiosk.send(.recordsFetched(request.sessionID, records))
        kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        kiosk.send(.noteEscrowed(transaction, .yuan(50)))
        kiosk.send(.noteCredited(transaction, .yuan(50)))
        kiosk.advance(by: .seconds(90))
        kiosk.send(.receiptPrinted(transaction))
        finish(&kiosk)
        return kiosk.log[start...].compactMap(\.journalEntry)
    }

    /// A social-insurance proof printed (menu mode).
    static func printedProof(_ kiosk: inout SessionHarness, citizen: String = "alpha") throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(try reading(citizen)))
        guard let request = kiosk.send(.choiceSelected(.service("social-insurance-proof"))).recordsRequest else { throw TestFailure("no records request") }
        guard let records = try Fixtures.recordBook(for: citizen).records(from: request.source) else { throw TestFailure("no records") }
        kiosk.send(.recordsFetched(request.sessionID, records))
        kiosk.send(.choiceSelected(.print))
        kiosk.send(.certificatePrinted(TransactionID(session: request.sessionID)))
        kiosk.send(.choiceSelected(.finish))
        finish(&kiosk)
        return kiosk.log[start...].compactMap(\.journalEntry)
    }

    /// Every record in a journal file's outbox, read over a separate connection.
    static func outbox(_ path: String) throws -> [UploadRecord] {
        let database = try Database(path: path, mode: .readOnly)
        return try database.rows("SELECT seq, category, kind, recorded_at, session_id, transaction_id, payload FROM outbox ORDER BY seq").map { row in
            UploadRecord(
                sequence: row[0].int64 ?? 0, category: RecordCategory(rawValue: row[1].string ?? "")!, kind: row[2].string ?? "",
                recordedAt: row[3].int64 ?? 0, sessionID: row[4].string, transactionID: row[5].string, payload: row[6].string ?? "")
        }
    }
}
