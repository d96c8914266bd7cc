import CashModule
import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import OneTripSQLite
import Testing

@Suite("Cash-in ledger in a real SQLite file")
struct CashLedgerTests {
    let transaction = TransactionID(session: SessionID(kioskID: "HS-0001", number: 42))

    @Test func linesFoldIntoACashInAndANoteIsCreditedOnce() throws {
        let directory = try Fixtures.temporaryDirectory("ledger")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kiosk.sqlite").path
        let note = NoteInFlight(transactionID: self.transaction, index: 0, channel: 5, value: .yuan(50))
        let second = NoteInFlight(transactionID: self.transaction, index: 1, channel: 6, value: .yuan(100))
        do {
            let ledger = try CashLedger(path: path)
            try ledger.append(.opened(self.transaction, amountDue: .yuan(120)))
            try ledger.append(.note(.escrowed, note))
            try ledger.append(.note(.stackIntent, note, counter: 9))
            #expect(try ledger.append(.note(.credited, note)))
            #expect(try !ledger.append(.note(.credited, note)), "a second credit for the same note is refused")
            try ledger.append(.note(.escrowed, second))
            #expect(try ledger.openCashIns().first?.openNote?.note == second)
        }
        // Reopened from the file, as after a crash.
        let ledger = try CashLedger(path: path)
        let record = try #require(try ledger.cashIn(self.transaction))
        #expect(record.amountDue == .yuan(120))
        #expect(record.credited == .yuan(50))
        #expect(record.notes.map(\.phase) == [.credited, .escrowed])
        #expect(record.nextNoteIndex == 2)
        #expect(try ledger.entries(for: self.transaction).filter { $0.kind == .credited }.count == 1)
        try ledger.append(.note(.returned, second, detail: "escrow time-out"))
        try ledger.append(.closed(self.transaction, credited: .yuan(50)))
        #expect(try ledger.openCashIns().isEmpty)
        #expect(try ledger.lastSessionNumber(kioskID: "HS-0001") == 42)
        #expect(try ledger.lastSessionNumber(kioskID: "OTHER") == 0)
    }

    @Test func theLedgerIsDurableAndKeepsItsOwnMigrationDomain() throws {
        let directory = try Fixtures.temporaryDirectory("ledger")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kiosk.sqlite").path
        _ = try CashLedger(path: path)
        let database = try Database(path: path)
        #expect(try database.journalMode() == "wal")
        let domains = try database.rows("SELECT domain, version FROM schema_migrations ORDER BY version").map { "\($0[0].string ?? "")/\($0[1].int64 ?? 0)" }
        #expect(domains == ["cash/1", "cash/2"])
        // Another component's domain in the same file does not disturb it.
        try Migrator(domain: "journal", [Migrator.Migration(version: 1, name: "x", sql: "CREATE TABLE journal_x (a)")]).migrate(database)
        _ = try CashLedger(path: path)
        // The money path syncs every commit to disk.
        let opened = try CashSchema.open(path: path)
        #expect(try opened.synchronous() == .full)
    }

    @Test func aLedgerThatCannotBeWrittenIsATypedError() throws {
        #expect(throws: SQLiteError.self) { _ = try CashLedger(path: "/proc/onetrip/no-such-dir/kiosk.sqlite") }
        let directory = try Fixtures.temporaryDirectory("ledger")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kiosk.sqlite").path
        let ledger = try CashLedger(path: path)
        let database = try Database(path: path)
        try database.executeScript("CREATE TRIGGER refuse BEFORE INSERT ON cash_ledger BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")
        #expect(throws: SQLiteError.self) { try ledger.append(.opened(self.transaction, amountDue: .yuan(1))) }
    }
}

@Suite("Cash device profiles")
struct CashDeviceProfileTests {
    @Test func theValidatorAndScannerProfilesLoadAndConfigureTheDrivers() throws {
        let library = DeviceProfileLibrary.load(directory: Fixtures.repositoryRoot.appendingPathComponent("DeviceProfiles"))
        #expect(library.errors.isEmpty, "\(library.errors)")
        let validator = try #require(library["itl-nv9-nv200-cny"])
        let configuration = try BillValidatorConfiguration(profile: validator, devicePath: "/dev/onetrip/validator")
        #expect(configuration.address == 0)
        #expect(configuration.currency == "CNY")
        #expect(configuration.acceptedNotes == [.yuan(10), .yuan(20), .yuan(50), .yuan(100)])
        #expect(configuration.replyTimeout == .seconds(1))
        #expect(configuration.pollInterval == .milliseconds(200))
        #expect(validator.transport == .serial(baudRate: BillValidatorConfiguration.baudRate))
        let scanner = try #require(library["serial-payment-code-scanner"])
        #expect(scanner.capabilities == .paymentCodeScanner(PaymentCodeScannerCapabilities(interCharacterTimeout: .milliseconds(100))))
        #expect(throws: ValidatorFault.self) { _ = try BillValidatorConfiguration(profile: scanner, devicePath: "/dev/x") }
    }
}
