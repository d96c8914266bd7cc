import DeviceKit
import ReceiptPrinter
import Simulators
import Testing

@Suite("Simulated printer mechanism")
struct PrinterModelTests {
    func printer(_ profile: String = ReceiptFixtures.fiftyEightMillimetre, chineseModeAtPowerOn: Bool? = nil) throws -> ESCPOSPrinterModel {
        ESCPOSPrinterModel(configuration: .init(capabilities: try ReceiptFixtures.capabilities(profile), chineseModeAtPowerOn: chineseModeAtPowerOn))
    }

    func run(_ printer: inout ESCPOSPrinterModel, _ hex: String) -> [UInt8] {
        var replies: [UInt8] = []
        for case .command(let decoded) in ESCPOSDecoder.decodeAll(Hex.bytes(hex)) { replies += printer.execute(decoded.command) }
        return replies
    }

    @Test func linesAreLaidOutWithAlignmentAndDoubleWidthInDots() throws {
        var printer = try self.printer()
        _ = self.run(&printer, "1B 61 01 1D 21 11 BD C9 B7 D1 0A 1B 61 02 1D 21 00 41 42 0A 1D 56 00")
        let receipt = try #require(printer.receipts.first)
        // 缴费 at 2× is 96 dots: (384 − 96) / 2 = 144 dots = 12 columns; AB right: 360 dots = 30 columns.
        #expect(receipt.transcript == String(repeating: " ", count: 12) + "缴费\n" + String(repeating: " ", count: 30) + "AB")
        #expect(receipt.cut == .full)
    }

    @Test func tooLongLinesWrapAtTheCharacterThatDoesNotFit() throws {
        var printer = try self.printer()
        _ = self.run(&printer, Hex.string(Array(String(repeating: "x", count: 40).utf8)) + " 0A")
        #expect(printer.current.transcript == String(repeating: "x", count: 32) + "\n" + String(repeating: "x", count: 8))
        #expect(printer.notes.contains { $0.contains("wider than the paper") })
    }

    @Test func chineseModeOffPrintsGBBytesAsCodePageCharacters() throws {
        var printer = try self.printer(chineseModeAtPowerOn: false)
        _ = self.run(&printer, "BD C9 0A 1C 26 BD C9 0A")
        // CP437: BD = ╜, C9 = ╔ (what an unswitched printer prints), then 缴 after FS &.
        #expect(printer.current.transcript == "╜╔\n缴")
    }

    @Test func fourByteGB18030CodesAreNotedAndPrintAsReplacementCharacters() throws {
        var printer = try self.printer()
        _ = self.run(&printer, "81 30 84 36 0A")  // ¥ U+00A5
        #expect(printer.current.transcript == "��")
        #expect(printer.notes.contains { $0.contains("four-byte GB18030") })
    }

    @Test func aPaperOutPrinterHoldsJobsAndAnswersOnlyRealTimeStatus() throws {
        var printer = try self.printer()
        _ = printer.updateSensors { $0.paper = .out }
        let replies = self.run(&printer, "10 04 04 41 0A 1D 56 00 1D 72 01 10 04 01")
        #expect(replies == [0x7E, 0x1A])  // GS r waits behind the held job
        #expect(printer.receipts.isEmpty)
        #expect(printer.held.count == 4)
        let afterReload = printer.updateSensors { $0.paper = .ok }
        #expect(afterReload == [0x00])  // the held GS r answers once the job has printed
        #expect(printer.receipts.first?.transcript == "A")
    }

    @Test func paperRunningOutMidJobStopsPrintingThere() throws {
        var printer = try self.printer()
        _ = printer.updateSensors { $0.linesUntilPaperOut = 2 }
        let replies = self.run(&printer, "31 0A 32 0A 33 0A 1D 56 00 1D 72 01")
        #expect(replies.isEmpty)
        #expect(printer.sensors.paper == .out)
        #expect(printer.current.transcript == "1\n2")
        #expect(printer.receipts.isEmpty)
    }

    @Test func aJammedCutterLeavesTheReceiptAttachedAndStopsThePrinter() throws {
        var printer = try self.printer()
        _ = printer.updateSensors { $0.jamsAtNextCut = true }
        let replies = self.run(&printer, "41 0A 1D 56 00 1D 72 01 10 04 03")
        #expect(replies == [0x1A])
        #expect(printer.sensors.hasCutterError)
        #expect(printer.receipts.isEmpty)
        #expect(printer.current.transcript == "A")
    }

    @Test func automaticStatusBackReportsChanges() throws {
        var printer = try self.printer()
        #expect(self.run(&printer, "1D 61 FF") == Hex.bytes("10 00 00 00"))
        #expect(printer.updateSensors { $0.isCoverOpen = true } == Hex.bytes("38 00 00 00"))
    }

    @Test func aSilentPrinterAnswersNothing() throws {
        var printer = try self.printer()
        _ = printer.updateSensors { $0.isSilent = true }
        #expect(self.run(&printer, "10 04 01 1D 72 01").isEmpty)
    }

    @Test func noCutterMeansCutsAreIgnored() throws {
        var capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.fiftyEightMillimetre)
        capabilities.cutter = .none
        var printer = ESCPOSPrinterModel(configuration: .init(capabilities: capabilities))
        _ = self.run(&printer, "41 0A 1D 56 00")
        #expect(printer.receipts.isEmpty)
        #expect(printer.ignoredCuts == 1)
    }

    @Test func pythonEscposColumnImagesAreJoinedIntoOneImage() throws {
        var printer = try self.printer()
        let band = "1B 2A 21 02 00 " + Array(repeating: "FF", count: 6).joined(separator: " ") + " 0A"
        _ = self.run(&printer, "1B 33 10 \(band) \(band) 1B 32")
        #expect(printer.current.transcript == "[IMAGE 2x48]")
    }
}
