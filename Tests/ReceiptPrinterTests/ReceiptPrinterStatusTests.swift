import DeviceKit
import ReceiptPrinter
import Simulators
import Testing

@Suite("DLE EOT status")
struct ReceiptPrinterStatusTests {
    @Test func allGoodRepliesMeanReady() throws {
        let status = try ReceiptPrinterStatus(printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12)
        #expect(status == ReceiptPrinterStatus())
        #expect(status.canPrint)
        #expect(status.availability == .online)
        #expect(status.faults(paperWidth: 80).isEmpty)
    }

    /// The reference replies of research A.9.
    @Test func referenceRepliesDecodeToTheirConditions() throws {
        let paperOut = try ReceiptPrinterStatus(printer: 0x1A, offlineCause: 0x32, errorCause: 0x12, paperSensor: 0x7E)
        #expect(!paperOut.isOnline && paperOut.paper == .out && !paperOut.canPrint)
        #expect(paperOut.availability == .userError)
        #expect(paperOut.faults(paperWidth: 58).map(\.code) == ["paper-out"])
        #expect(paperOut.faults(paperWidth: 58).first?.remediation.instruction.contains("58 mm") == true)

        let coverOpen = try ReceiptPrinterStatus(printer: 0x1A, offlineCause: 0x16, errorCause: 0x12, paperSensor: 0x12)
        #expect(coverOpen.isCoverOpen && coverOpen.paper == .ok)
        #expect(coverOpen.faults(paperWidth: 80).map(\.code) == ["cover-open"])

        let cutter = try ReceiptPrinterStatus(printer: 0x1A, offlineCause: 0x52, errorCause: 0x1A, paperSensor: 0x12)
        #expect(cutter.hasCutterError && cutter.availability == .hardwareError)

        let unrecoverable = try ReceiptPrinterStatus(printer: 0x1A, offlineCause: 0x52, errorCause: 0x32, paperSensor: 0x12)
        #expect(unrecoverable.hasUnrecoverableError)
        #expect(unrecoverable.faults(paperWidth: 80).first?.remediation.action == .reset)

        let nearEnd = try ReceiptPrinterStatus(printer: 0x12, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x1E)
        #expect(nearEnd.paper == .nearEnd && nearEnd.canPrint && nearEnd.availability == .online)
        #expect(nearEnd.deviceStatus(deviceID: "lp0", model: nil, paperWidth: 80).details["paper"] == "near-end")
    }

    @Test func bytesWithoutTheFixedPatternAreRejected() {
        // 0x00 is a GS r reply, 0xFF line noise: neither has the 0xx1xx10 pattern.
        #expect(throws: ReceiptPrinterStatusError.malformedReply(request: .offlineCause, byte: 0x00)) {
            try ReceiptPrinterStatus(printer: 0x12, offlineCause: 0x00, errorCause: 0x12, paperSensor: 0x12)
        }
        #expect(throws: ReceiptPrinterStatusError.self) { try ReceiptPrinterStatus(printer: 0xFF, offlineCause: 0x12, errorCause: 0x12, paperSensor: 0x12) }
    }

    /// The simulator's sensors and the driver's decoding are written independently; both follow
    /// research A.9, so every sensor state must survive the trip through the status bytes.
    @Test(arguments: [PrinterSensors.Paper.ok, .nearEnd, .out], [false, true])
    func simulatedSensorsDecodeToTheSameState(paper: PrinterSensors.Paper, coverOpen: Bool) throws {
        var sensors = PrinterSensors()
        sensors.paper = paper
        sensors.isCoverOpen = coverOpen
        sensors.hasCutterError = coverOpen && paper == .ok
        let replies = try (1...4).map { try #require(sensors.realTimeReply(UInt8($0))) }
        let status = try ReceiptPrinterStatus(printer: replies[0], offlineCause: replies[1], errorCause: replies[2], paperSensor: replies[3])
        #expect(status.paper.rawValue == paper.rawValue)
        #expect(status.isCoverOpen == coverOpen)
        #expect(status.hasCutterError == sensors.hasCutterError)
        #expect(status.isOnline == !sensors.isOffline)
    }

    @Test func theSimulatorsRepliesMatchTheResearchTable() {
        var sensors = PrinterSensors()
        #expect((1...4).map { sensors.realTimeReply(UInt8($0)) } == [0x12, 0x12, 0x12, 0x12])
        sensors.paper = .nearEnd
        #expect(sensors.realTimeReply(4) == 0x1E)
        sensors.paper = .out
        #expect([sensors.realTimeReply(1), sensors.realTimeReply(2), sensors.realTimeReply(4)] == [0x1A, 0x32, 0x7E])
        #expect(sensors.automaticStatusBack == Hex.bytes("18 00 0F 00"))
        sensors = PrinterSensors()
        sensors.isCoverOpen = true
        #expect(sensors.realTimeReply(2) == 0x16)
        #expect(sensors.automaticStatusBack == Hex.bytes("38 00 00 00"))
        sensors = PrinterSensors()
        sensors.hasCutterError = true
        #expect(sensors.realTimeReply(3) == 0x1A)
        #expect(sensors.realTimeReply(5) == nil)
    }
}
