import DeviceKit
import IDCardReader
import KioskCore
import Testing

@Suite("SAM status table")
struct SAMStatusTests {
    @Test func theWholeTableIsDocumentedInBothLanguages() {
        let codes: [UInt8] = [0x90, 0x9F, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81]
        #expect(SAMStatus.all.map(\.rawValue) == codes)
        for status in SAMStatus.all {
            #expect(status.isKnown)
            #expect(!status.message.zh.isEmpty && !status.message.en.isEmpty)
        }
        #expect(SAMStatus.cardNotFound.description == "SW3 0x80 寻找证/卡失败 (find failed: no card in the field)")
        let unknown = SAMStatus(rawValue: 0x55)
        #expect(!unknown.isKnown)
        #expect(unknown.message.en.contains("0x55"))
        #expect(unknown.category == .exchange)
    }

    @Test func statusesMapToCardRejectionsAndDeviceFaults() {
        #expect(SAMStatus.samRejectedCard.category == .card)
        if case .authenticationFailed = SAMStatus.samRejectedCard.cardRejection {} else { Issue.record("0x32 is an authentication failure") }
        if case .unsupportedCard = SAMStatus.unrecognizedCardType.cardRejection {} else { Issue.record("0x40 is an unsupported card") }
        if case .unreadable = SAMStatus.readFailed.cardRejection {} else { Issue.record("0x41 is unreadable") }
        #expect(SAMStatus.samSelfTestFailed.deviceFault?.code == "sam-self-test-failed")
        #expect(SAMStatus.samSelfTestFailed.deviceFault?.remediation.action == .maintenance)
        #expect(SAMStatus.samNotAuthorized.deviceFault?.code == "sam-not-authorized")
        #expect(SAMStatus.readFailed.deviceFault == nil)
        #expect(SAMStatus.cardNotFound.category == .noCard)
        #expect(SAMStatus.cardFound.category == .success)
        #expect(SAMStatus.hostChecksumError.category == .exchange)
    }

    @Test func unknownCommandsAreTypedErrors() {
        #expect(throws: SAMCommandError.unknown(code: 0x20, parameter: 0x09)) { try SAMCommand(frame: SAMFrame(body: [0x20, 0x09])) }
        #expect(throws: SAMCommandError.tooShort(bodyCount: 1)) { try SAMCommand(frame: SAMFrame(body: [0x20])) }
        #expect(throws: SAMCommandError.unexpectedData(code: 0x20, parameter: 0x01, count: 1)) {
            try SAMCommand(frame: SAMFrame(body: [0x20, 0x01, 0x00]))
        }
        #expect(throws: SAMResponseError.tooShort(bodyCount: 2)) { try SAMResponse(frame: SAMFrame(body: [0, 0])) }
        #expect(SAMCommand.findCard.successStatus == .cardFound)
        #expect(SAMCommand.readTextAndPhoto.successStatus == .success)
        #expect(SAMBaudRate(bitsPerSecond: 9600) == .rate9600)
        #expect(SAMBaudRate(bitsPerSecond: 4800) == nil)
    }

    @Test func readPayloadsWithInconsistentLengthsAreRefused() {
        #expect(throws: CardReadPayloadError.missingLengths(dataCount: 3)) { try CardReadPayload(replyData: [1, 0, 4], withFingerprints: false) }
        #expect(throws: CardReadPayloadError.lengthMismatch(text: 256, photo: 1024, fingerprints: 0, dataCount: 10)) {
            try CardReadPayload(replyData: [1, 0, 4, 0, 0, 0, 0, 0, 0, 0], withFingerprints: false)
        }
    }

    @Test func biometricDataNeverPrints() {
        let photo = CardPhoto(rawWLTBytes: [UInt8](repeating: 0xAB, count: 1024))
        #expect(photo.description == "WLT photo, 1024 bytes (not decoded)")
        var dumped = ""
        dump(photo, to: &dumped)
        #expect(!dumped.contains("171"))
        let prints = CardFingerprints(rawBytes: [UInt8](repeating: 0xAB, count: 1024))
        #expect(prints.templateCount == 2)
        #expect("\(prints)" == "fingerprints, 1024 bytes (not decoded)")
    }
}
