import IDCardReader
import KioskCore
import KioskTestSupport
import Simulators
import Testing

/// Names, numbers, addresses and biometric bytes never reach a description, a dump or a log line.
@Suite("ID card privacy")
struct PrivacyTests {
    @Test func eventsResultsAndRepliesPrintMasked() throws {
        let citizen = try Fixtures.citizen("alpha")
        let card = try SimulatedCard(citizen: citizen)
        let result = CardReadResult(
            identity: citizen.identity, photo: CardPhoto(rawWLTBytes: card.photo), fingerprints: CardFingerprints(rawBytes: card.fingerprints),
            appendedAddress: "浙江省宁波市海曙区示例路2号")
        let reply = SAMResponse(status: .success, data: card.readReplyData(withFingerprints: false))
        var dumps: [String] = []
        for value in [CardReaderEvent.cardRead(result) as Any, result, reply, reply.frame, card] {
            var text = ""
            dump(value, to: &text)
            dumps += [text, String(describing: value), String(reflecting: value)]
        }
        for text in dumps {
            for secret in ["测试甲", "330203198504123518", "示例路1号", "示例路2号", "19850412"] {
                #expect(!text.contains(secret), "\(secret) in \(text.prefix(200))")
            }
        }
        #expect("\(CardReaderEvent.cardRead(result))".contains("330203********3518"))
    }
}
