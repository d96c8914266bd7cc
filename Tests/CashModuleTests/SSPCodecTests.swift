import CashModule
import Testing

/// Parses `7F 80 01 11 65 82`.
func hex(_ text: String) -> [UInt8] {
    text.split(separator: " ").map { UInt8($0, radix: 16)! }
}

@Suite("SSP codec: CRC, framing, stuffing")
struct SSPCodecTests {
    @Test(arguments: [("", 0xFFFF as UInt16), ("A", 0xFC84), ("ABC", 0x069B), ("ABCD", 0x9A8C)])
    func crcMatchesTheReferenceVectors(input: String, expected: UInt16) {
        // kybarg/ssp lib/utils.test.js: [] → FF FF, "A" → 84 FC, "ABC" → 9B 06, "ABCD" → 8C 9A (low byte first).
        #expect(SSPCRC.checksum(Array(input.utf8)) == expected)
        #expect(SSPCRC.wireBytes(Array(input.utf8)) == [UInt8(expected & 0xFF), UInt8(expected >> 8)])
    }

    /// Frames printed in ITL GA138 and recomputed (research B.3, marked ✓), plus two derived ones.
    static let goldenCommands: [(SSPCommand, Bool, String)] = [
        (.sync, true, "7F 80 01 11 65 82"),
        (.sync, false, "7F 00 01 11 66 08"),
        (.reset, true, "7F 80 01 01 06 02"),
        (.hostProtocolVersion(8), true, "7F 80 02 06 08 03 94"),
        (.hostProtocolVersion(9), true, "7F 80 02 06 09 06 14"),
        (.poll, true, "7F 80 01 07 12 02"),
        (.poll, false, "7F 00 01 07 11 88"),
        (.setInhibits([0x07, 0x00]), true, "7F 80 03 02 07 00 2B B6"),
        (.setInhibits([0xFF, 0xFF]), true, "7F 80 03 02 FF FF 25 A4"),
        (.enable, true, "7F 80 01 0A 3F 82"),
        (.disable, true, "7F 80 01 09 35 82"),
        (.reject, true, "7F 80 01 08 30 02"),
        (.hold, true, "7F 80 01 18 53 82"),
        (.setupRequest, true, "7F 80 01 05 1D 82"),
        (.getSerialNumber, true, "7F 80 01 0C 2B 82"),
        (.lastRejectCode, true, "7F 80 01 17 71 82"),
    ]

    @Test func commandsEncodeToTheManualsBytes() {
        for (command, flag, expected) in Self.goldenCommands {
            let frame = SSPFrame(sequenceFlag: flag, address: 0, data: command.data)
            #expect(frame.encoded() == hex(expected), "\(command)")
            #expect(SSPCommand(data: command.data) == command)
        }
    }

    @Test func repliesDecodeFromTheManualsBytes() throws {
        let cases: [(String, SSPResponseCode, [UInt8])] = [
            ("7F 80 01 F0 23 80", .ok, []),
            ("7F 80 01 F8 10 00", .fail, []),
            ("7F 80 04 F0 EE 01 EB B9 48", .ok, [0xEE, 0x01, 0xEB]),
            ("7F 80 03 F0 EF 03 C5 CA", .ok, [0xEF, 0x03]),
            ("7F 80 03 F0 EF 00 CF CA", .ok, [0xEF, 0x00]),
            ("7F 80 02 F0 E8 4F A2", .ok, [0xE8]),
            ("7F 80 05 F0 00 1C 96 2C D4 97", .ok, [0x00, 0x1C, 0x96, 0x2C]),
            ("7F 80 02 F0 08 0C 20", .ok, [0x08]),
        ]
        for (bytes, code, payload) in cases {
            var decoder = SSPFrameDecoder()
            decoder.append(hex(bytes))
            let frame = try #require(try decoder.nextFrame())
            #expect(frame.sequenceFlag && frame.address == 0)
            let response = try SSPResponse(data: frame.data)
            #expect(response.code == code)
            #expect(response.payload == payload)
            #expect(try decoder.nextFrame() == nil)
        }
    }

    @Test func pollEventsOfTheManualsExamplesParse() throws {
        #expect(try SSPPollEvent.parse([0xEE, 0x01, 0xEB]) == [.credit(channel: 1), .stacked])
        #expect(try SSPPollEvent.parse([0xEF, 0x03]) == [.escrowed(channel: 3)])
        #expect(try SSPPollEvent.parse([0xEF, 0x00]) == [.reading])
        // Stacker full after a credit, all in one reply (GA973 §8.3): every event, in order.
        #expect(try SSPPollEvent.parse(hex("EE 03 CC EB E7")) == [.credit(channel: 3), .stacking, .stacked, .stackerFull])
        #expect(try SSPPollEvent.parse(hex("F1 E8 E2 04")) == [.slaveReset, .disabled, .noteClearedIntoCashbox(channel: 4)])
        #expect(throws: SSPProtocolError.unknownPollEvent(code: 0x42, reply: [0xEB, 0x42, 0xEE, 0x01])) {
            try SSPPollEvent.parse([0xEB, 0x42, 0xEE, 0x01])
        }
        #expect(throws: SSPProtocolError.truncatedPollEvent(code: 0xEE, reply: [0xCC, 0xEE])) { try SSPPollEvent.parse([0xCC, 0xEE]) }
        for event in [SSPPollEvent.fraudAttempt(channel: 2), .noteClearedFromFront(channel: 5), .unsafeJam, .cashboxRemoved] {
            #expect(try SSPPollEvent.parse(event.bytes) == [event])
        }
    }

    @Test func a7FInsideAFrameIsDoubledAndUndoubled() throws {
        // CREDIT on channel 0x7F: the data byte is stuffed.
        let frame = SSPFrame(sequenceFlag: true, address: 0, data: [0xF0, 0xEE, 0x7F])
        #expect(frame.encoded() == hex("7F 80 03 F0 EE 7F 7F CD CD"))
        var decoder = SSPFrameDecoder()
        decoder.append(frame.encoded())
        #expect(try decoder.nextFrame() == frame)
        // A CRC byte that is 0x7F is stuffed as well.
        let crcStuffed = SSPFrame(sequenceFlag: true, address: 0, data: [0x7F])
        #expect(crcStuffed.encoded() == hex("7F 80 01 7F 7F 02 03"))
    }

    @Test func malformedFramesAreTypedErrorsAndDecodingGoesOn() throws {
        var decoder = SSPFrameDecoder()
        // Noise, a frame with a bad CRC, a frame cut short by a new STX, then a good frame.
        decoder.append(hex("00 55 7F 80 01 F0 23 81 7F 80 04 F0 EE 7F 80 01 F0 23 80"))
        #expect(throws: SSPFrameError.unexpectedBytes([0x00, 0x55])) { try decoder.nextFrame() }
        #expect(throws: SSPFrameError.crcMismatch(frame: hex("80 01 F0 23 81"), computed: 0x8023, received: 0x8123)) { try decoder.nextFrame() }
        #expect(throws: SSPFrameError.interrupted(partial: hex("80 04 F0 EE"))) { try decoder.nextFrame() }
        #expect(try decoder.nextFrame() == SSPFrame(sequenceFlag: true, address: 0, data: [0xF0]))
        decoder.append(hex("7F 80 00 25 80"))
        #expect(throws: SSPFrameError.emptyFrame(sequenceAndAddress: 0x80)) { try decoder.nextFrame() }
        #expect(try decoder.nextFrame() == nil)
        #expect(!decoder.hasPendingBytes)
    }

    @Test func setupRequestOfTheImplementationGuideParses() throws {
        // GA973 example: EUR 5/10/20/50, protocol 6 (CRC 78 EB derived, research B.8).
        let frameBytes = hex(
            "7F 80 35 F0 00 30 33 33 35 45 55 52 00 00 01 04 05 0A 14 32 02 02 02 02 00 00 64 06 45 55 52 45 55 52 45 55 52 45 55 52 05 00 00 00 0A 00 00 00 14 00 00 00 32 00 00 00 78 EB"
        )
        var decoder = SSPFrameDecoder()
        decoder.append(frameBytes)
        let frame = try #require(try decoder.nextFrame())
        let setup = try SSPSetupData(payload: try SSPResponse(data: frame.data).payload)
        #expect(setup.firmware == "0335")
        #expect(setup.country == "EUR")
        #expect(setup.protocolVersion == 6)
        #expect(setup.realValueMultiplier == 100)
        #expect(setup.channelValues == [5, 10, 20, 50])
        #expect(setup.minorUnits(ofChannel: 1)?.amount == 500)
        #expect(setup.minorUnits(ofChannel: 4)?.currency == "EUR")
        #expect(setup.minorUnits(ofChannel: 5) == nil)
        #expect(SSPFrame(sequenceFlag: true, address: 0, data: [0xF0] + setup.payload).encoded() == frameBytes)
    }

    @Test func theSyntheticCNYSetupRoundTrips() throws {
        let frameBytes = hex(
            "7F 80 47 F0 00 30 31 30 30 43 4E 59 00 00 01 06 01 05 0A 14 32 64 02 02 02 02 02 02 00 00 64 07 43 4E 59 43 4E 59 43 4E 59 43 4E 59 43 4E 59 43 4E 59 01 00 00 00 05 00 00 00 0A 00 00 00 14 00 00 00 32 00 00 00 64 00 00 00 F6 24"
        )
        var decoder = SSPFrameDecoder()
        decoder.append(frameBytes)
        let setup = try SSPSetupData(payload: try SSPResponse(data: try #require(try decoder.nextFrame()).data).payload)
        #expect((1...6).compactMap { setup.minorUnits(ofChannel: $0)?.amount } == [100, 500, 1000, 2000, 5000, 10000])
        #expect(setup.channelCurrencies == Array(repeating: "CNY", count: 6))
        #expect(throws: SSPProtocolError.self) { try SSPSetupData(payload: Array(setup.payload.dropLast())) }
        #expect(throws: SSPProtocolError.self) { try SSPSetupData(payload: [0x03] + setup.payload.dropFirst()) }
    }

    @Test func countersAndRejectCodesDecode() throws {
        let counters = SSPCounters(stacked: 0x0102_0304, rejected: 7)
        #expect(counters.payload.count == 21)
        #expect(Array(counters.payload[1...4]) == [0x04, 0x03, 0x02, 0x01])
        #expect(try SSPCounters(payload: counters.payload) == counters)
        #expect(throws: SSPProtocolError.self) { try SSPCounters(payload: [5, 1, 2]) }
        #expect(SSPRejectReason(code: 0x13).description.contains("escrow time-out"))
        #expect(SSPCommand.inhibitMask(enabling: [1, 2, 3]) == [0x07, 0x00])
        #expect(SSPCommand.inhibitMask(enabling: [3, 4, 5, 6, 9]) == [0x3C, 0x01])
        #expect(SSPCommand(data: [0x58]) == .getCounters)
        #expect(SSPCommand(data: [0x07, 0x01]) == nil)
    }
}
