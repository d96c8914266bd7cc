import Foundation
import IngestHub
import KioskTestSupport
import OneTripSQLite
import Testing
import UploadContract

@Suite("Reference hub store")
struct HubStoreTests {
    func record(_ sequence: Int64, _ payload: String = #"{"a":1}"#, category: RecordCategory = .transaction) -> UploadRecord {
        UploadRecord(sequence: sequence, category: category, kind: "journal.test", recordedAt: 1_764_000_000_000 + sequence, sessionID: "K-000001", payload: payload)
    }

    func store() async throws -> (HubStore, String) {
        let path = try Fixtures.temporaryDirectory("onetrip-hubstore").appendingPathComponent("hub.sqlite").path
        return (try await HubStore.open(path: path), path)
    }

    @Test func storesIdempotentlyAndAnswersTheHighestSequenceHeld() async throws {
        let (store, _) = try await self.store()
        let first = try await store.store(UploadBatch(kioskID: "K", records: [self.record(1), self.record(2), self.record(3)]))
        #expect(first == UploadAcknowledgement(kioskID: "K", acknowledgedThrough: 3, stored: 3, duplicates: 0))
        let again = try await store.store(UploadBatch(kioskID: "K", records: [self.record(2), self.record(3), self.record(4)]))
        #expect(again == UploadAcknowledgement(kioskID: "K", acknowledgedThrough: 4, stored: 1, duplicates: 2))
        // A gap (telemetry dropped by the kiosk's cap) is accepted and counted as missing.
        let gap = try await store.store(UploadBatch(kioskID: "K", droppedTelemetry: 2, records: [self.record(7, category: .telemetry)]))
        #expect(gap.acknowledgedThrough == 7)
        let summary = try #require(try await store.kiosks().first)
        #expect(summary.records == 5 && summary.missing == 2 && summary.droppedTelemetry == 2)
        // Another kiosk's numbers are its own.
        #expect(try await store.store(UploadBatch(kioskID: "L", records: [self.record(1)])).acknowledgedThrough == 1)
        #expect(try await store.records(kioskID: "K").map(\.sequence) == [1, 2, 3, 4, 7])
        #expect(try await store.records(kioskID: "K", after: 3, limit: 1).map(\.sequence) == [4])
    }

    @Test func aSequenceHeldWithOtherContentRefusesTheWholeBatch() async throws {
        let (store, _) = try await self.store()
        try await store.store(UploadBatch(kioskID: "K", records: [self.record(1), self.record(2)]))
        await #expect(throws: HubStoreError.self) {
            try await store.store(UploadBatch(kioskID: "K", records: [self.record(3), self.record(2, #"{"a":2}"#)]))
        }
        #expect(try await store.records(kioskID: "K").map(\.sequence) == [1, 2], "record 3 of the refused batch was rolled back")
        #expect(try await store.records(kioskID: "K").last?.payload == #"{"a":1}"#)
    }

    @Test func exportsJSONLinesThatParseBackToTheStoredRecords() async throws {
        let (store, _) = try await self.store()
        let records = [self.record(1, #"{"name":"测*","note":"line\nbreak"}"#), self.record(2)]
        try await store.store(UploadBatch(kioskID: "K", records: records))
        try await store.store(UploadBatch(kioskID: "L", records: [self.record(1)]))
        var output: [UInt8] = []
        let count = try await store.export(kioskID: "K") { output.append(contentsOf: $0) }
        #expect(count == 2)
        let lines = output.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 2)
        for (line, record) in zip(lines, records) {
            let value = try JSONParser.parse(Array(line))
            #expect(value["kioskID"] == .string("K"))
            #expect(value["seq"] == .integer(record.sequence))
            #expect(value["payload"]?.canonicalText == record.payload)
            #expect(value["receivedAt"]?.integerValue != nil)
        }
        var all = 0
        #expect(try await store.export { _ in all += 1 } == 3)
        #expect(all == 3)
    }

    @Test func refusesADamagedHubFile() async throws {
        let path = try Fixtures.temporaryDirectory("onetrip-hubstore").appendingPathComponent("hub.sqlite").path
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: HubStoreError.self) { _ = try await HubStore.open(path: path) }
        guard case .corrupt? = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("damaged") == true)
    }

    @Test func keyringFilesReportTheLineOfEachProblem() throws {
        let key = String(repeating: "ab", count: 32)
        let keyring = try KioskKeyring(parsing: "# kiosks\nHS-0001 \(key)\n\n  HS-0002\t\(key)  # lobby\n")
        #expect(keyring.kioskIDs == ["HS-0001", "HS-0002"])
        #expect(throws: KeyringError(path: "<keys>", line: 2, reason: "expected 'KIOSK-ID HEX-KEY', found 1 fields")) {
            try KioskKeyring(parsing: "HS-0001 \(key)\nHS-0002\n")
        }
        #expect(throws: KeyringError.self) { try KioskKeyring(parsing: "HS-0001 \(key)\nHS-0001 \(key)\n") }
        do {
            _ = try KioskKeyring(parsing: "HS-0001 abcd\n", path: "/etc/onetrip/hub-keys")
        } catch {
            #expect(error.description.hasPrefix("/etc/onetrip/hub-keys:1: kiosk HS-0001"))
        }
    }
}
