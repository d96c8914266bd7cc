import DeviceKit
import IDCardReader
import KioskCore
import KioskTestSupport
import Simulators
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The reader's polling logic, driven synchronously: inputs in, steps out.
@Suite("Card reader state machine")
struct CardReaderStateMachineTests {
    typealias Machine = CardReaderStateMachine

    static let configuration = CardReaderConfiguration(
        devicePath: "/dev/onetrip/idcard", pollInterval: .milliseconds(100), commandTimeout: .milliseconds(300),
        readTimeout: .seconds(2), maximumReadAttempts: 3, absentPollsBeforeRemoval: 2, maximumConsecutiveFailures: 3,
        reconnectInterval: .seconds(1), samRecheckInterval: .seconds(5))

    static let samID: [UInt8] = [0x05, 0x00, 0x01, 0x00, 0xE5, 0xD6, 0x34, 0x01, 0x01, 0, 0, 0, 0x2A, 0, 0, 0]
    static let found = SAMResponse(status: .cardFound, data: [0, 0, 0, 0])
    static let noCard = SAMResponse(status: .cardNotFound)
    static let selected = SAMResponse(status: .success, data: [UInt8](repeating: 0, count: 8))

    static func readReply(_ key: String = "alpha", fingerprints: Bool = false) throws -> SAMResponse {
        let card = try SimulatedCard(citizen: try Fixtures.citizen(key))
        return SAMResponse(status: .success, data: card.readReplyData(withFingerprints: fingerprints))
    }

    /// A machine that has opened its port and checked the SAM, about to send its first find.
    static func online(_ configuration: CardReaderConfiguration = configuration) -> Machine {
        var machine = Machine(configuration: configuration)
        _ = machine.start()
        _ = machine.handle(.portOpened)
        _ = machine.handle(.replied(SAMResponse(status: .success)))
        _ = machine.handle(.replied(SAMResponse(status: .success, data: samID)))
        return machine
    }

    static func exchange(_ command: SAMCommand, _ timeout: Duration = .milliseconds(300)) -> Machine.Operation {
        .exchange(command, timeout: timeout)
    }

    static func published(_ step: Machine.Step) -> [DeviceStatus] {
        step.effects.compactMap { if case .publish(let status) = $0 { status } else { nil } }
    }

    static func reported(_ step: Machine.Step) -> [CardReaderEvent] {
        step.effects.compactMap { if case .report(let event) = $0 { event } else { nil } }
    }

    @Test func startUpChecksTheSAMThenPolls() {
        var machine = Machine(configuration: Self.configuration)
        #expect(machine.start() == Machine.Step(effects: [], next: .open))
        #expect(machine.handle(.portOpened) == Machine.Step(effects: [], next: Self.exchange(.samStatus)))
        #expect(machine.handle(.replied(SAMResponse(status: .success))) == Machine.Step(effects: [], next: Self.exchange(.readSAMID)))
        let online = machine.handle(.replied(SAMResponse(status: .success, data: Self.samID)))
        #expect(online.next == Self.exchange(.findCard))
        let status = Self.published(online).first
        #expect(status?.availability == .online)
        #expect(status?.role == .idCardReader)
        #expect(status?.details["sam-id"] == "05.01-20240101-000000001-000000042")
        #expect(machine.samID?.description == "05.01-20240101-000000001-000000042")
        // Nothing on the reader: find again after one poll interval, publishing nothing new.
        #expect(machine.handle(.replied(Self.noCard)) == Machine.Step(effects: [], next: .wait(.milliseconds(100))))
        #expect(machine.handle(.waited) == Machine.Step(effects: [], next: Self.exchange(.findCard)))
    }

    @Test func aCardIsReadOnceAndReportedRemovedAfterTwoMisses() throws {
        var machine = Self.online()
        let presented = machine.handle(.replied(Self.found))
        #expect(Self.reported(presented) == [.cardPresented])
        #expect(Self.published(presented).map(\.availability) == [.busy])
        #expect(presented.next == Self.exchange(.selectCard))
        #expect(machine.handle(.replied(Self.selected)).next == Self.exchange(.readTextAndPhoto, .seconds(2)))
        let read = machine.handle(.replied(try Self.readReply()))
        guard case .cardRead(let result) = Self.reported(read).first else {
            Issue.record("no card read in \(read)")
            return
        }
        #expect(result.identity == (try Fixtures.citizen("alpha")).identity)
        #expect(result.photo.rawWLTBytes.count == 1024)
        #expect(result.fingerprints == nil)
        #expect(Self.published(read).map(\.availability) == [.online])
        #expect(read.next == .wait(.milliseconds(100)))

        // The card stays: find keeps seeing it, and it is not read again.
        for _ in 0..<5 {
            #expect(machine.handle(.waited).next == Self.exchange(.findCard))
            #expect(machine.handle(.replied(Self.found)) == Machine.Step(effects: [], next: .wait(.milliseconds(100))))
        }
        // One miss is not a removal (a shifted card); two in a row are.
        _ = machine.handle(.waited)
        #expect(machine.handle(.replied(Self.noCard)) == Machine.Step(effects: [], next: .wait(.milliseconds(100))))
        _ = machine.handle(.waited)
        #expect(machine.handle(.replied(Self.found)).effects.isEmpty)
        _ = machine.handle(.waited)
        _ = machine.handle(.replied(Self.noCard))
        _ = machine.handle(.waited)
        #expect(Self.reported(machine.handle(.replied(Self.noCard))) == [.cardRemoved])
        // The next card is a new presentation.
        _ = machine.handle(.waited)
        #expect(Self.reported(machine.handle(.replied(Self.found))) == [.cardPresented])
    }

    @Test func aFailedReadIsRetriedFromFindAndThenRefused() {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        for attempt in 1...3 {
            let step = machine.handle(.replied(SAMResponse(status: .readFailed)))
            if attempt < 3 {
                #expect(step == Machine.Step(effects: [], next: Self.exchange(.findCard)), "attempt \(attempt)")
                #expect(machine.handle(.replied(Self.found)) == Machine.Step(effects: [], next: Self.exchange(.selectCard)))
                _ = machine.handle(.replied(Self.selected))
            } else {
                #expect(Self.reported(step) == [.readFailed(.unreadable(SAMStatus.readFailed.description))])
                #expect(Self.published(step).map(\.availability) == [.online])
                #expect(step.next == .wait(.milliseconds(100)))
            }
        }
        // Refused cards also wait for removal before they are tried again.
        _ = machine.handle(.waited)
        #expect(machine.handle(.replied(Self.found)).effects.isEmpty)
    }

    @Test func aSelectFailureOrAMissedFindCountsAsAnAttempt() throws {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        #expect(machine.handle(.replied(SAMResponse(status: .selectFailed))).next == Self.exchange(.findCard))
        #expect(machine.handle(.replied(Self.noCard)).next == Self.exchange(.findCard))
        #expect(machine.handle(.replied(Self.found)).next == Self.exchange(.selectCard))
        _ = machine.handle(.replied(Self.selected))
        #expect(Self.reported(machine.handle(.replied(try Self.readReply("echo")))).count == 1)
    }

    @Test func notAnIDCardAndUndecodableTextAreRefusedWithoutRetrying() throws {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        let wrong = machine.handle(.replied(SAMResponse(status: .unrecognizedCardType)))
        #expect(Self.reported(wrong) == [.readFailed(.unsupportedCard(SAMStatus.unrecognizedCardType.description))])

        var second = Self.online()
        _ = second.handle(.replied(Self.found))
        _ = second.handle(.replied(Self.selected))
        var data = try Self.readReply().data
        data[4 + 36] = 0x41  // birth date's first digit becomes "A"
        let refused = second.handle(.replied(SAMResponse(status: .success, data: data)))
        guard case .readFailed(.inconsistentData(let detail)) = Self.reported(refused).first else {
            Issue.record("expected an inconsistent-data refusal, got \(refused)")
            return
        }
        #expect(detail.contains("byte 36"))
    }

    @Test func aFailedSAMSelfTestIsAHardwareErrorUntilTheSAMRecovers() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.start()
        _ = machine.handle(.portOpened)
        #expect(machine.handle(.replied(SAMResponse(status: .samSelfTestFailed))).next == Self.exchange(.resetSAM))
        #expect(machine.handle(.replied(SAMResponse(status: .success))).next == Self.exchange(.samStatus))
        let faulted = machine.handle(.replied(SAMResponse(status: .samSelfTestFailed)))
        #expect(faulted.next == .wait(.seconds(5)))
        let status = Self.published(faulted).first
        #expect(status?.availability == .hardwareError)
        #expect(status?.faults.map(\.code) == ["sam-self-test-failed"])
        #expect(status?.usability.isUsable == false)
        // Rechecked without another reset; recovers to online.
        #expect(machine.handle(.waited).next == Self.exchange(.samStatus))
        #expect(machine.handle(.replied(SAMResponse(status: .samSelfTestFailed))).next == .wait(.seconds(5)))
        _ = machine.handle(.waited)
        _ = machine.handle(.replied(SAMResponse(status: .success)))
        let recovered = machine.handle(.replied(SAMResponse(status: .success, data: Self.samID)))
        #expect(Self.published(recovered).map(\.availability) == [.online])
        #expect(recovered.next == Self.exchange(.findCard))
    }

    @Test func aSAMFailureDuringAReadEndsThatRead() {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        let step = machine.handle(.replied(SAMResponse(status: .samSelfTestFailed)))
        #expect(Self.reported(step).count == 1)
        #expect(Self.published(step).map(\.availability) == [.hardwareError])
    }

    @Test func repeatedTimeoutsCloseThePortAndReopenIt() {
        var machine = Self.online()
        let first = machine.handle(.exchangeFailed(.timeout(.milliseconds(300))))
        #expect(first == Machine.Step(effects: [.discardInput], next: .wait(.milliseconds(100))))
        _ = machine.handle(.waited)
        _ = machine.handle(.exchangeFailed(.malformed(.checksumMismatch(offset: 0, computed: 1, found: 2))))
        _ = machine.handle(.waited)
        let third = machine.handle(.exchangeFailed(.timeout(.milliseconds(300))))
        #expect(third.effects.contains(.closePort))
        #expect(third.next == .wait(.seconds(1)))
        let status = Self.published(third).first
        #expect(status?.availability == .hardwareError)
        #expect(status?.faults.first?.code == "reader-not-answering")
        #expect(status?.faults.first?.summary.contains("3 exchanges in a row failed") == true)
        #expect(machine.handle(.waited) == Machine.Step(effects: [], next: .open))
    }

    @Test func aGoodReplyResetsTheFailureCount() throws {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        // Two garbled reads, each followed by good finds: retried, never a hardware error.
        let garbled = machine.handle(.exchangeFailed(.malformed(.checksumMismatch(offset: 0, computed: 1, found: 2))))
        #expect(garbled == Machine.Step(effects: [.discardInput], next: Self.exchange(.findCard)))
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        _ = machine.handle(.exchangeFailed(.timeout(.seconds(2))))
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        let read = machine.handle(.replied(try Self.readReply()))
        #expect(Self.published(read).map(\.availability) == [.online])
        if case .cardRead = Self.reported(read).first {} else { Issue.record("the third attempt should read the card") }
    }

    @Test func anUnpluggedReaderIsNoDeviceAndTheCardIsForgotten() {
        var machine = Self.online()
        _ = machine.handle(.replied(Self.found))
        let gone = machine.handle(.transportGone(.gone(name: "/dev/onetrip/idcard", reason: "Input/output error (errno 5)")))
        #expect(gone.effects.first == .closePort)
        #expect(
            Self.reported(gone) == [.readFailed(.unreadable("the reader was disconnected during the read")), .cardRemoved])
        #expect(Self.published(gone).first?.availability == .noDevice)
        #expect(Self.published(gone).first?.faults.first?.code == "device-gone")
        #expect(gone.next == .wait(.seconds(1)))
        #expect(machine.handle(.waited).next == .open)
        let missing = machine.handle(.portOpenFailed(.openFailed(path: "/dev/onetrip/idcard", errno: ENOENT)))
        #expect(Self.published(missing).first?.faults.first?.code == "port-missing")
        #expect(missing.next == .wait(.seconds(1)))
        // The same failure again publishes nothing new.
        _ = machine.handle(.waited)
        #expect(machine.handle(.portOpenFailed(.openFailed(path: "/dev/onetrip/idcard", errno: ENOENT))).effects.isEmpty)
        _ = machine.handle(.waited)
        let busy = machine.handle(.portOpenFailed(.busy(path: "/dev/onetrip/idcard")))
        #expect(Self.published(busy).first?.availability == .offline)
        #expect(Self.published(busy).first?.faults.first?.code == "port-busy")
        _ = machine.handle(.waited)
        #expect(machine.handle(.portOpened).next == Self.exchange(.samStatus))
    }

    @Test func fingerprintsAndTheAppendedAddressAreReadWhenConfigured() throws {
        var configuration = Self.configuration
        configuration.readsFingerprints = true
        configuration.readsAppendedAddress = true
        var machine = Self.online(configuration)
        _ = machine.handle(.replied(Self.found))
        #expect(machine.handle(.replied(Self.selected)).next == Self.exchange(.readWithFingerprints, .seconds(2)))
        #expect(machine.handle(.replied(try Self.readReply(fingerprints: true))).next == Self.exchange(.readAppendedAddress))
        let address = ucs2("浙江省宁波市海曙区示例路2号", 70)
        let step = machine.handle(.replied(SAMResponse(status: .success, data: address)))
        guard case .cardRead(let result) = Self.reported(step).first else {
            Issue.record("no card read")
            return
        }
        #expect(result.fingerprints?.rawBytes.count == 1024)
        #expect(result.appendedAddress == "浙江省宁波市海曙区示例路2号")
        #expect(!"\(result)".contains("示例路2号"))

        // No appended address: the read is delivered without one.
        _ = machine.handle(.waited)
        for _ in 0..<2 {
            _ = machine.handle(.replied(Self.noCard))
            _ = machine.handle(.waited)
        }
        _ = machine.handle(.replied(Self.found))
        _ = machine.handle(.replied(Self.selected))
        _ = machine.handle(.replied(try Self.readReply("echo", fingerprints: true)))
        guard case .cardRead(let second) = Self.reported(machine.handle(.replied(SAMResponse(status: .noContent)))).first else {
            Issue.record("no second card read")
            return
        }
        #expect(second.appendedAddress == nil)
        #expect(second.fingerprints?.templateCount == 1)
    }

    @Test func aProfileSetsThePaceAndTheReads() throws {
        let yaml = """
            model: Test reader
            vendor: test
            role: idCardReader
            match: { subsystem: tty }
            transport: { kind: serial, baudRate: 57600 }
            protocol: sam
            capabilities: { pollInterval: 150ms, fingerprints: true, appendedAddress: false }
            timeouts: { command: 400ms, read: 3s }
            """
        let profile = try DeviceProfile(yaml: yaml, file: "test.yaml")
        let configuration = CardReaderConfiguration(profile: profile, devicePath: "/dev/ttyUSB0")
        #expect(configuration.baudRate == 57600)
        #expect(configuration.pollInterval == .milliseconds(150))
        #expect(configuration.readsFingerprints)
        #expect(!configuration.readsAppendedAddress)
        #expect(configuration.commandTimeout == .milliseconds(400))
        #expect(configuration.readTimeout == .seconds(3))
        #expect(configuration.model == "Test reader")
    }
}

extension CardReaderStateMachineTests {
    @Test func aReaderWithoutTheSAMIDCommandStillComesOnline() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.start()
        _ = machine.handle(.portOpened)
        _ = machine.handle(.replied(SAMResponse(status: .success)))
        let unknown = machine.handle(.replied(SAMResponse(status: .invalidCommand)))
        #expect(Self.published(unknown).map(\.availability) == [.online])
        #expect(Self.published(unknown).first?.details["sam-id"] == nil)
        #expect(unknown.next == Self.exchange(.findCard))

        var silent = Machine(configuration: Self.configuration)
        _ = silent.start()
        _ = silent.handle(.portOpened)
        _ = silent.handle(.replied(SAMResponse(status: .success)))
        let timedOut = silent.handle(.exchangeFailed(.timeout(.milliseconds(300))))
        #expect(timedOut.effects.first == .discardInput)
        #expect(Self.published(timedOut).map(\.availability) == [.online])
        #expect(timedOut.next == Self.exchange(.findCard))
    }

    @Test func aGarbledSAMStatusIsRetriedThenGivesUpOnThePort() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.start()
        _ = machine.handle(.portOpened)
        #expect(machine.handle(.replied(SAMResponse(status: .hostChecksumError))) == Machine.Step(effects: [.discardInput], next: Self.exchange(.samStatus)))
        #expect(machine.handle(.exchangeFailed(.timeout(.milliseconds(300)))).next == Self.exchange(.samStatus))
        let third = machine.handle(.exchangeFailed(.timeout(.milliseconds(300))))
        #expect(third.effects.contains(.closePort))
        #expect(Self.published(third).first?.faults.first?.code == "reader-not-answering")
    }
}
