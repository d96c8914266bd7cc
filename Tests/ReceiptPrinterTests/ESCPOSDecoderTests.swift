import ReceiptPrinter
import Simulators
import Testing

@Suite("ESC/POS decoder (simulator)")
struct ESCPOSDecoderTests {
    func commands(_ hex: String) -> [ESCPOSCommand] {
        ESCPOSDecoder.decodeAll(Hex.bytes(hex)).compactMap {
            if case .command(let decoded) = $0 { return decoded.command }
            Issue.record("unexpected \($0)")
            return nil
        }
    }

    /// One example of every command of research A.3–A.9 plus python-escpos' extras.
    @Test(arguments: [
        ("1B 40", ESCPOSCommand.initialize),
        ("1B 21 30", .selectPrintMode(0x30)),
        ("1B 45 01", .setEmphasis(1)),
        ("1B 2D 02", .setUnderline(2)),
        ("1B 61 31", .setAlignment(0x31)),
        ("1B 4D 01", .selectFont(1)),
        ("1D 21 11", .setCharacterSize(0x11)),
        ("1B 74 10", .selectCodePage(16)),
        ("0A", .lineFeed),
        ("1B 64 06", .printAndFeedLines(6)),
        ("1B 4A 18", .printAndFeedDots(24)),
        ("1B 32", .setDefaultLineSpacing),
        ("1B 33 1E", .setLineSpacing(command: 0x33, 30)),
        ("1B 70 00 32 32", .generatePulse(pin: 0, onTime: 50, offTime: 50)),
        ("1C 26", .selectChineseMode),
        ("1C 2E", .cancelChineseMode),
        ("10 04 04", .realTimeStatus(4)),
        ("1D 72 01", .transmitStatus(1)),
        ("1D 61 FF", .enableAutomaticStatusBack(0xFF)),
        ("1D 56 00", .cut(mode: 0, feed: nil)),
        ("1D 56 42 03", .cut(mode: 66, feed: 3)),
        ("1D 68 40", .setBarcodeHeight(64)),
        ("1D 77 03", .setBarcodeModuleWidth(3)),
        ("1D 48 02", .setBarcodeTextPosition(2)),
        ("1D 66 00", .setBarcodeTextFont(0)),
        ("1D 6B 04 41 42 43 00", .printBarcode(system: 4, data: [0x41, 0x42, 0x43])),
        ("1D 6B 49 04 7B 42 48 53", .printBarcode(system: 73, data: [0x7B, 0x42, 0x48, 0x53])),
        ("1D 28 6B 04 00 31 41 32 00", .symbol(cn: 0x31, fn: 0x41, parameters: [0x32, 0x00])),
        ("1D 28 6B 06 00 31 50 30 41 42 43", .symbol(cn: 0x31, fn: 0x50, parameters: [0x30, 0x41, 0x42, 0x43])),
        ("1D 76 30 00 01 00 02 00 80 01", .rasterImage(mode: 0, widthBytes: 1, height: 2, data: [0x80, 0x01])),
        ("1B 7B 00", .setUpsideDown(0)),
        ("1D 62 00", .setSmoothing(0)),
        ("1D 42 00", .setReverse(0)),
        ("1B 3F 0A", .cancelUserDefinedCharacter(10)),
        ("1B 63 35 00", .setPanelOrSensors(function: 0x35, 0)),
        ("1B 2A 21 01 00 FF 00 01", .columnImage(mode: 33, width: 1, data: [0xFF, 0x00, 0x01])),
        ("1D 28 4C 02 00 30 32", .graphics(fn: 0x32, parameters: [0x30])),
        ("1B 44 08 10 00", .setTabStops([8, 16])),
        ("1B 24 40 00", .setAbsolutePosition(64)),
    ])
    func decodesEachCommand(hex: String, command: ESCPOSCommand) {
        #expect(self.commands(hex) == [command])
    }

    @Test func printableBytesAreOneDataRunUpToTheNextControlByte() {
        #expect(self.commands("41 BD C9 42 0A 43") == [.printData([0x41, 0xBD, 0xC9, 0x42]), .lineFeed, .printData([0x43])])
    }

    @Test func dripFeedingByteByByteGivesTheSameCommands() throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.eightyMillimetre)
        let bytes = try ESCPOSEncoder(capabilities: capabilities).encode(try ReceiptFixtures.standardReceipt(capabilities)).bytes
        var decoder = ESCPOSDecoder()
        var dripped: [ESCPOSDecoder.Output] = []
        for byte in bytes { dripped += decoder.decode([byte]) }
        dripped += decoder.finish()
        let whole = ESCPOSDecoder.decodeAll(bytes)
        // Data runs arrive in pieces when dripped; everything else is identical.
        func merged(_ outputs: [ESCPOSDecoder.Output]) -> [ESCPOSCommand] {
            var commands: [ESCPOSCommand] = []
            for case .command(let decoded) in outputs {
                if case .printData(let more) = decoded.command, case .printData(let earlier)? = commands.last {
                    commands[commands.count - 1] = .printData(earlier + more)
                } else {
                    commands.append(decoded.command)
                }
            }
            return commands
        }
        #expect(merged(dripped) == merged(whole))
        #expect(!whole.contains { if case .error = $0 { true } else { false } })
    }

    @Test func unknownCommandsAreReportedWithTheirOffsetAndDecodingGoesOn() {
        let outputs = ESCPOSDecoder.decodeAll(Hex.bytes("41 0A 1B 99 42 0A 1D FE 07 43"))
        let errors = outputs.compactMap { if case .error(let error) = $0 { error } else { nil } }
        #expect(errors == [.unknownCommand([0x1B, 0x99], offset: 2), .unknownCommand([0x1D, 0xFE], offset: 6), .unknownControlByte(0x07, offset: 8)])
        let commands = outputs.compactMap { if case .command(let decoded) = $0 { decoded.command } else { nil } }
        #expect(commands == [.printData([0x41]), .lineFeed, .printData([0x42]), .lineFeed, .printData([0x43])])
    }

    @Test func aStreamEndingMidCommandIsReportedAsTruncated() {
        var decoder = ESCPOSDecoder()
        #expect(decoder.decode(Hex.bytes("0A 1D 28 6B 10 00 31 50 30 41")).count == 1)
        #expect(decoder.finish() == [.error(.truncated(Hex.bytes("1D 28 6B 10 00 31 50 30 41"), offset: 1))])
    }

    @Test func invalidParametersAreReportedNotWaitedFor() {
        let outputs = ESCPOSDecoder.decodeAll(Hex.bytes("1D 56 07 1D 76 30 00 FF FF FF FF"))
        let errors = outputs.compactMap { if case .error(let error) = $0 { error } else { nil } }
        #expect(errors.count == 2)
        #expect(errors.first?.offset == 0)
        #expect(errors.last?.offset == 3)
    }
}
