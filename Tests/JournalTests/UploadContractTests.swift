import Foundation
import KioskTestSupport
import Testing
import UploadContract
import Uplink

@Suite("Upload contract: JSON, batches, signatures, backoff")
struct UploadContractTests {
    @Test func parserReadsEveryJSONFormAndWritesCanonicalText() throws {
        let text = #" { "b" : [1, -2, 3.5, 1e3, true, false, null], "a": "测试\n\"\u00e9\ud83d\ude00", "c": {} } "#
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value["a"] == .string("测试\n\"é😀"))
        #expect(value["b"] == .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null]))
        #expect(value.canonicalText == #"{"a":"测试\n\"é😀","b":[1,-2,3.5,1000.0,true,false,null],"c":{}}"#)
        #expect(try JSONParser.parse(Array(value.canonicalText.utf8)) == value)
    }

    @Test(arguments: [
        ("{", "member name"), ("[1,", "end of input"), ("[1", "unterminated"), ("{\"a\":1,}", "member name"), ("[1 2]", "expected ','"), ("01", "unexpected data"),
        ("\"\u{01}\"", "control character"), ("{\"a\":1,\"a\":2}", "duplicate"), ("\"\\ud800\"", "surrogate"), ("tru", "literal"),
        ("1.", "invalid number"), ("{} x", "after the document"),
    ])
    func parserRefusesMalformedInputWithItsOffset(input: String, reason: String) {
        do {
            _ = try JSONParser.parse(Array(input.utf8))
            Issue.record("parsed \(input)")
        } catch {
            #expect(error.description.contains(reason), "\(error)")
            #expect(error.offset <= input.utf8.count)
        }
    }

    @Test func parserRefusesDeepNestingAndBrokenUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(String(repeating: "[", count: 100).utf8)) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func batchRoundTripsAndRejectsBadRecords() throws {
        let records = [
            UploadRecord(sequence: 1, category: .transaction, kind: "journal.sessionStarted", recordedAt: 1_764_000_000_000, sessionID: "K-000001", payload: #"{"name":"测*"}"#),
            UploadRecord(sequence: 3, category: .telemetry, kind: "event.device", recordedAt: 1_764_000_000_500, payload: #"{"code":"paper-low"}"#),
        ]
        let batch = UploadBatch(kioskID: "K", droppedTelemetry: 4, records: records)
        #expect(try UploadBatch.decode(batch.encoded()) == batch)

        let outOfOrder = UploadBatch(kioskID: "K", records: records.reversed()).encoded()
        #expect(throws: UploadBatchError.self) { try UploadBatch.decode(outOfOrder) }
        let noPayload = Array(#"{"kioskID":"K","records":[{"seq":1,"category":"audit","kind":"x","recordedAt":1}]}"#.utf8)
        do {
            _ = try UploadBatch.decode(noPayload)
            Issue.record("accepted a record without payload")
        } catch {
            #expect(error.description.contains("records[0]: \"payload\""))
        }
        let badCategory = Array(#"{"kioskID":"K","records":[{"seq":1,"category":"gossip","kind":"x","recordedAt":1,"payload":{}}]}"#.utf8)
        #expect(throws: UploadBatchError.self) { try UploadBatch.decode(badCategory) }
    }

    @Test func signatureCoversTimestampAndBodyAndNothingElseVerifies() throws {
        let key = try KioskKey(hex: String(repeating: "0f", count: 32))
        let signer = RequestSignature(key: key)
        let body = Array(#"{"kioskID":"K","records":[]}"#.utf8)
        let signature = signer.signature(body: body, timestamp: 1_764_000_000)
        #expect(signature.hasPrefix("v1=") && signature.count == 3 + 64)
        #expect(signer.isValid(signature: signature, body: body, timestamp: 1_764_000_000))
        #expect(!signer.isValid(signature: signature, body: body + [0x20], timestamp: 1_764_000_000))
        #expect(!signer.isValid(signature: signature, body: body, timestamp: 1_764_000_001))
        #expect(!signer.isValid(signature: signature.replacingOccurrences(of: "v1=", with: "v2="), body: body, timestamp: 1_764_000_000))
        #expect(!signer.isValid(signature: "v1=zz", body: body, timestamp: 1_764_000_000))
        let other = RequestSignature(key: KioskKey.generate())
        #expect(!other.isValid(signature: signature, body: body, timestamp: 1_764_000_000))
        // Known answer, computed independently with Python's hmac module:
        // hmac.new(b"Jefe-is-a-16-byte-key", b"1764000000.{}", hashlib.sha256).hexdigest()
        let jefe = try KioskKey(bytes: Array("Jefe-is-a-16-byte-key".utf8))
        #expect(RequestSignature(key: jefe).signature(body: Array("{}".utf8), timestamp: 1_764_000_000) == "v1=c407e9a9f1f7a5ffbaaf81e728bad8dfd45e97eca44d5374005b28bc6d207b3f")
    }

    @Test func keysParseFromHexAndNeverPrint() throws {
        let key = try KioskKey(hex: " " + String(repeating: "a1", count: 32) + "\n")
        #expect(key.hexEncoded == String(repeating: "a1", count: 32))
        #expect(!"\(key)".contains("a1a1"))
        #expect(throws: KeyError.tooShort(8)) { try KioskKey(hex: String(repeating: "00", count: 8)) }
        #expect(throws: KeyError.self) { try KioskKey(hex: "xyz0") }
        #expect(KioskKey.generate().hexEncoded != KioskKey.generate().hexEncoded)
    }

    @Test func backoffGrowsToItsCapWithJitterInTheUpperHalf() {
        let backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        #expect(backoff.nominalDelay(attempt: 1) == .seconds(1))
        #expect(backoff.nominalDelay(attempt: 4) == .seconds(8))
        #expect(backoff.nominalDelay(attempt: 30) == .seconds(60))
        var generator = SystemRandomNumberGenerator()
        var seen: Set<Int64> = []
        for attempt in 1...12 {
            for _ in 0..<50 {
                let delay = backoff.delay(attempt: attempt, using: &generator)
                let nominal = backoff.nominalDelay(attempt: attempt)
                #expect(delay <= nominal && delay >= nominal / 2)
                seen.insert(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)
            }
        }
        #expect(seen.count > 100, "jitter spreads retries")
    }

    @Test func theOpenAPIDocumentNamesWhatTheCodeSends() throws {
        let document = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        #expect(document.contains("/v1/kiosks/{kioskID}/events:"))
        #expect(UploadHeaders.eventsPath(kioskID: "HS 01") == "/v1/kiosks/HS%2001/events")
        for header in [UploadHeaders.timestamp, UploadHeaders.signature] { #expect(document.contains("name: \(header)")) }
        for code in UploadProblem.Code.allCases { #expect(document.contains("- \(code.rawValue)"), "\(code.rawValue) is documented") }
        #expect(document.contains("enum: [\(RecordCategory.allCases.map(\.rawValue).joined(separator: ", "))]"))
        let batch = String(decoding: UploadBatch(kioskID: "K", records: [UploadRecord(sequence: 1, category: .audit, kind: "k", recordedAt: 1, payload: "{}")]).encoded(), as: UTF8.self)
        for member in ["kioskID", "droppedTelemetry", "records", "seq", "category", "kind", "recordedAt", "session", "transaction", "payload"] {
            #expect(batch.contains("\"\(member)\":") && document.contains("\(member):"), "\(member)")
        }
        let acknowledgement = String(decoding: UploadAcknowledgement(kioskID: "K", acknowledgedThrough: 1, stored: 1, duplicates: 0).encoded(), as: UTF8.self)
        for member in ["acknowledgedThrough", "stored", "duplicates"] { #expect(acknowledgement.contains("\"\(member)\":") && document.contains("\(member):")) }
    }
}
