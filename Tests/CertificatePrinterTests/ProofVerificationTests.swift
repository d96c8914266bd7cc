@testable import CertificatePrinter
import Crypto
import Foundation
import KioskCore
import KioskTestSupport
import Testing

@Suite("Proof verification: Ed25519-signed payloads")
struct ProofVerificationTests {
    let key = IssuingKey()
    var verifier: ProofVerifier { ProofVerifier(trustedKeys: TrustedKeys(publicKey: self.key.publicKey, label: "HS-0001 lobby")) }

    func signedPayload() throws -> (ProofDocument, ProofPayload) {
        let document = try ProofFixtures.document("alpha", .socialInsuranceContribution)
        return (document, try self.key.sign(document))
    }

    @Test func aGenuinePayloadIsValid() throws {
        let (document, payload) = try self.signedPayload()
        let result = self.verifier.verify(payload.text, on: document.issuedAt.chinaDate, document: document)
        guard case .valid(let proof) = result else { Issue.record("\(result)"); return }
        #expect(proof.payload == payload)
        #expect(proof.signer == "HS-0001 lobby")
        #expect(proof.payload.documentID == "SI-HS-0001-000042T")
        #expect(proof.payload.template == .socialInsuranceContribution)
        #expect(proof.payload.issuedAt == document.issuedAt)
        #expect(result.description.contains(payload.verificationCode))
        // Compact: fits a QR code a laser printer and a phone camera handle easily.
        #expect(payload.text.count < 260)
        #expect(payload.verificationCode.count == 9)
    }

    @Test func thePayloadHoldsNoPersonalData() throws {
        let (_, payload) = try self.signedPayload()
        let identity = try Fixtures.citizen("alpha").identity
        let bytes = payload.bytes
        for secret in [identity.documentNumber.unmaskedValue, identity.name, identity.address ?? "-"] {
            let needle = Array(secret.utf8)
            let found = bytes.indices.contains { start in start + needle.count <= bytes.count && Array(bytes[start..<(start + needle.count)]) == needle }
            #expect(!found)
            #expect(!payload.text.contains(secret))
        }
    }

    @Test func changingAnyByteIsNeverValid() throws {
        let (document, payload) = try self.signedPayload()
        let original = payload.bytes
        for index in original.indices {
            for flip: UInt8 in [0x01, 0x80] {
                var bytes = original
                bytes[index] ^= flip
                let text = ProofPayload.prefix + Base32.encode(bytes)
                let result = self.verifier.verify(text, on: document.issuedAt.chinaDate)
                switch index {
                case 0, 16:
                    // the version and the document id's length: the layout itself breaks
                    #expect(result.verdict == "malformed", "byte \(index): \(result)")
                case 1:
                    #expect(["malformed", "tampered"].contains(result.verdict), "byte \(index): \(result)")
                case 2..<10:
                    #expect(result.verdict == "unknown-key", "byte \(index): \(result)")
                case 17..<(17 + payload.documentID.utf8.count) where flip == 0x80:
                    // a document number that is no longer printable ASCII
                    #expect(result.verdict == "malformed", "byte \(index): \(result)")
                default:
                    if case .tampered(.signatureMismatch) = result {} else { Issue.record("byte \(index) flip \(flip): \(result)") }
                }
            }
        }
    }

    @Test func changingAnyCharacterOfTheTextIsNeverValid() throws {
        let (document, payload) = try self.signedPayload()
        let characters = Array(payload.text)
        for index in characters.indices {
            var changed = characters
            changed[index] = changed[index] == "A" ? "B" : "A"
            let result = self.verifier.verify(String(changed), on: document.issuedAt.chinaDate)
            #expect(!result.isValid, "character \(index): \(result)")
        }
    }

    @Test func aPayloadSignedWithAnotherKeyIsUnknown() throws {
        let (document, _) = try self.signedPayload()
        let forger = IssuingKey()
        let forged = try forger.sign(document)
        #expect(self.verifier.verify(forged.text, on: document.issuedAt.chinaDate) == .unknownKey(forger.keyID))
    }

    @Test func aForgerReusingTheKeyIDFailsTheSignature() throws {
        let (document, genuine) = try self.signedPayload()
        var forged = try IssuingKey().sign(document)
        forged.keyID = genuine.keyID
        #expect(self.verifier.verify(forged.text, on: document.issuedAt.chinaDate) == .tampered(.signatureMismatch))
    }

    @Test func aDocumentWithOtherContentIsTampered() throws {
        let (document, payload) = try self.signedPayload()
        var altered = document
        altered.table?.rows[0][3] = "9999.00"
        #expect(self.verifier.verify(payload.text, on: document.issuedAt.chinaDate, document: altered) == .tampered(.contentMismatch))
    }

    @Test func validityEndsAfterItsLastDay() throws {
        let (document, payload) = try self.signedPayload()
        let lastDay = document.issuedAt.chinaDate.adding(days: 90)
        #expect(self.verifier.verify(payload.text, on: lastDay).isValid)
        let result = self.verifier.verify(payload.text, on: lastDay.adding(days: 1))
        guard case .expired(let proof) = result else { Issue.record("\(result)"); return }
        #expect(proof.payload.validUntil == lastDay)
    }

    @Test(arguments: [
        "", "hello", "OT1:", "OT1:!!!!", "OT2:AAAA", "ot1:aaaa", "OT1:A", "OT1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "https://example.com/verify?id=1", String(repeating: "Z", count: 5000), "OT1:" + String(repeating: "7", count: 400),
    ])
    func malformedInputIsAClearVerdict(_ text: String) {
        let result = self.verifier.verify(text, on: CalendarDate(year: 2026, month: 3, day: 1)!)
        #expect(result.verdict == "malformed", "\(result)")
        #expect(result.description.hasPrefix("MALFORMED: "))
    }

    @Test func truncatedAndExtendedPayloadsAreMalformed() throws {
        let (document, payload) = try self.signedPayload()
        let bytes = payload.bytes
        for length in [0, 1, 16, 17, 40, bytes.count - 1] {
            let text = ProofPayload.prefix + Base32.encode(Array(bytes.prefix(length)))
            #expect(self.verifier.verify(text, on: document.issuedAt.chinaDate).verdict == "malformed", "length \(length)")
        }
        let longer = ProofPayload.prefix + Base32.encode(bytes + [0])
        #expect(self.verifier.verify(longer, on: document.issuedAt.chinaDate) == .malformed(.trailingBytes(1)))
    }

    @Test func randomBytesNeverCrashTheVerifier() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...200, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = self.verifier.verify(ProofPayload.prefix + Base32.encode(bytes), on: CalendarDate(year: 2026, month: 3, day: 1)!)
            #expect(!result.isValid)
        }
    }

    @Test func base32RoundTrips() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")  // RFC 4648 §10 test vector
    }
}

@Suite("Issuing and trusted key files")
struct ProofKeyFileTests {
    @Test func theIssuingKeyIsCreatedPrivateAndReloaded() throws {
        let directory = try Fixtures.temporaryDirectory("proof-keys")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("keys/issuing.key").path
        let created = try IssuingKey.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let loaded = try IssuingKey.loadOrCreate(path: path)
        #expect(loaded.keyID == created.keyID)
        #expect(loaded.publicKey.rawRepresentation == created.publicKey.rawRepresentation)
    }

    @Test func aKeyOthersCanReadIsRefused() throws {
        let directory = try Fixtures.temporaryDirectory("proof-keys")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("issuing.key").path
        _ = try IssuingKey.loadOrCreate(path: path)
        chmod(path, 0o644)
        #expect { try IssuingKey.load(path: path) } throws: { "\($0)".contains("chmod 600") }
    }

    @Test func aGarbledKeyFileIsATypedError() throws {
        let directory = try Fixtures.temporaryDirectory("proof-keys")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("issuing.key").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect { try IssuingKey.load(path: path) } throws: { "\($0)".contains(path) && "\($0)".contains("base64") }
    }

    @Test func trustedKeysFileRoundTripsAndNamesBadLines() throws {
        let key = IssuingKey()
        let text = "# trusted\n\n\(key.trustedKeyLine(label: "HS-0001 Haishu lobby"))\n"
        let keys = try TrustedKeys(text: text, file: "trusted")
        #expect(keys.entries.count == 1)
        #expect(keys.entry(for: key.keyID)?.label == "HS-0001 Haishu lobby")
        #expect(throws: TrustedKeysError(file: "trusted", line: 2, message: "expected 'ed25519 <base64 public key> [label]'")) {
            try TrustedKeys(text: "# ok\nrsa AAAA x\n", file: "trusted")
        }
        #expect { try TrustedKeys(text: "ed25519 AAAA x\n", file: "trusted") } throws: { "\($0)".hasPrefix("trusted:1: ") }
    }
}
