import Foundation
import Journal
import KioskCore
import KioskTestSupport

/// A kiosk's files in a temporary folder, as an installed kiosk has them: `onetrip.toml`, the
/// citizen key file, and the database filled through the real `Journal` with visits the real
/// session machine produced.
struct KioskFiles {
    let directory: URL
    var configPath: String { self.directory.appendingPathComponent("onetrip.toml").path }
    var databasePath: String { self.directory.appendingPathComponent("onetrip.sqlite").path }
    var keyPath: String { self.directory.appendingPathComponent("citizen.key").path }
    var socketPath: String { self.directory.appendingPathComponent("control.sock").path }
    let keyer: CitizenKeyer

    /// 2025-11-26 08:00 in Asia/Shanghai.
    static let dayOne = Date(timeIntervalSince1970: 1_764_115_200)
    /// The same time a day later.
    static let dayTwo = dayOne.addingTimeInterval(86_400)

    /// Writes the configuration and the key file.
    init(socketPath: String? = nil) throws {
        self.directory = try Fixtures.temporaryDirectory("onetrip-operator")
        try CitizenKeyer.createSecretFileIfMissing(at: self.directory.appendingPathComponent("citizen.key").path)
        self.keyer = try CitizenKeyer(secretFile: self.directory.appendingPathComponent("citizen.key").path)
        let toml = """
            [kiosk]
            id = "TEST-01"
            office = "示例派出所"
            time_zone = "Asia/Shanghai"
            data_directory = "\(self.directory.path)"

            [sockets]
            control = "\(socketPath ?? self.directory.appendingPathComponent("control.sock").path)"
            group = "daemon"

            [privacy]
            citizen_key_file = "\(self.directory.appendingPathComponent("citizen.key").path)"
            """
        try Data(toml.utf8).write(to: URL(fileURLWithPath: self.configPath))
    }

    /// Opens the journal read-write, as the daemon does.
    func openJournal() async throws -> Journal {
        try await Journal.open(path: self.databasePath, configuration: JournalConfiguration(kioskID: "TEST-01"))
    }

    /// A card reading with its keyed hash from this kiosk's key file.
    func reading(_ citizen: String) throws -> CardReading {
        let identity = try Fixtures.citizen(citizen).identity
        return CardReading(identity: identity, citizenKey: self.keyer.key(for: identity.documentNumber))
    }

    /// A synthetic citizen's full number (only ever typed into `--id-number`).
    static func number(_ citizen: String) throws -> String {
        try Fixtures.citizen(citizen).identity.documentNumber.unmaskedValue
    }

    /// Fills the journal: on day one alpha pays a fine, alpha abandons a payment (needs
    /// attention), bravo prints a proof, delta's expired card is refused, and the receipt
    /// printer runs out of paper; on day two charlie prints a proof.
    /// - Returns: the journal, still open (tests write more to it).
    func fill() async throws -> Journal {
        let journal = try await self.openJournal()
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        var at = Self.dayOne
        func record(_ entries: [JournalEntry]) async throws {
            for entry in entries {
                try await journal.record(entry, at: at)
                at.addTimeInterval(1)
            }
        }
        try await record(try Visits.paidTrafficFine(&kiosk, reading: self.reading("alpha")))
        at.addTimeInterval(600)
        try await record(try Visits.abandonedPayment(&kiosk, reading: self.reading("alpha")))
        at.addTimeInterval(600)
        try await record(try Visits.printedProof(&kiosk, reading: self.reading("bravo")))
        at.addTimeInterval(600)
        try await record(kiosk.send(.cardRead(try self.reading("delta"))).compactMap(\.journalEntry))
        Visits.finish(&kiosk)
        try await journal.recordEvent(.device("receipt-printer", code: "paper-out", message: "the paper roll is empty", level: .error), at: Self.dayOne.addingTimeInterval(3 * 3600))
        at = Self.dayTwo
        try await record(try Visits.printedProof(&kiosk, reading: self.reading("charlie")))
        return journal
    }

    /// Every byte of the database files.
    func databaseBytes() throws -> Data {
        try [self.databasePath, self.databasePath + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }.reduce(Data()) {
            $0 + (try Data(contentsOf: URL(fileURLWithPath: $1)))
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: self.directory)
    }
}

/// Visits driven through the real session machine (the same steps the journal's own tests use).
enum Visits {
    /// Runs the session until idle.
    static func finish(_ kiosk: inout SessionHarness) {
        for _ in 0..<10 where kiosk.state != .idle { kiosk.advance(by: .seconds(120)) }
    }

    /// A traffic fine paid in cash with an overpayment voucher.
    static func paidTrafficFine(_ kiosk: inout SessionHarness, reading: CardReading) throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(reading))
        guard let request = kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest else { throw TestFailure("no records request") }
        let citizen = try citizenKey(reading)
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
    static func abandonedPayment(_ kiosk: inout SessionHarness, reading: CardReading) throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(reading))
        guard let request = kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest else { throw TestFailure("no records request") }
        guard let records = try Fixtures.recordBook(for: try citizenKey(reading)).records(from: .trafficViolations) else { throw TestFailure("no records") }
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

    /// A social-insurance proof printed.
    static func printedProof(_ kiosk: inout SessionHarness, reading: CardReading) throws -> [JournalEntry] {
        let start = kiosk.log.count
        kiosk.send(.cardRead(reading))
        guard let request = kiosk.send(.choiceSelected(.service("social-insurance-proof"))).recordsRequest else { throw TestFailure("no records request") }
        guard let records = try Fixtures.recordBook(for: try citizenKey(reading)).records(from: request.source) else { throw TestFailure("no records") }
        kiosk.send(.recordsFetched(request.sessionID, records))
        kiosk.send(.choiceSelected(.print))
        kiosk.send(.certificatePrinted(TransactionID(session: request.sessionID)))
        kiosk.send(.choiceSelected(.finish))
        finish(&kiosk)
        return kiosk.log[start...].compactMap(\.journalEntry)
    }

    /// The seed key (`alpha`) of the citizen a reading is of.
    private static func citizenKey(_ reading: CardReading) throws -> String {
        guard let citizen = try Fixtures.citizens().first(where: { $0.identity.documentNumber == reading.identity.documentNumber }) else {
            throw TestFailure("not a seed citizen")
        }
        return citizen.key
    }
}
