import DeviceKit
import Foundation
import KioskCore
import KioskTestSupport
import ReceiptPrinter
import Simulators
import Testing

/// The driver against the simulated printer over real PTYs and TCP sockets.
@Suite("Driver and simulator")
struct DriverSimulatorTests {
    func receipt(_ rig: PrinterRig) throws -> ReceiptDocument {
        try ReceiptFixtures.standardReceipt(rig.capabilities)
    }

    /// The failure a print ended with, or nil if it printed.
    func failure(_ print: () async throws(ReceiptPrintFailure) -> ReceiptPrintReport) async -> ReceiptPrintFailure? {
        do {
            _ = try await print()
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: PrinterRig.Wire.allCases)
    func aReceiptPrintsAndIsConfirmed(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            let document = try self.receipt(rig)
            let report = try await rig.driver.print(document)
            #expect(report.isConfirmed)
            #expect(report.statusAfter == ReceiptPrinterStatus())
            let receipts = await rig.simulator.receipts
            #expect(receipts.map(\.transcript) == document.transcript(for: rig.capabilities))
            #expect(await rig.simulator.decodeErrors.isEmpty)
            #expect(await rig.driver.status.availability == .online)
            // A second job over a fresh connection.
            _ = try await rig.driver.print(document)
            #expect(await rig.simulator.receipts.count == 2)
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func paperOutBeforeTheJobFailsWithNothingPrinted(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.updateSensors { $0.paper = .out }
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .notReady(let status)? = failure else {
                Issue.record("expected notReady, got \(String(describing: failure))")
                return
            }
            #expect(status.paper == .out)
            #expect(failure?.mayHavePrintedPartially == false)
            #expect(failure?.printFailure.mayHavePrintedPartially == false)
            #expect(await rig.simulator.heldCommandCount == 0, "no job bytes were sent")
            let published = await rig.driver.status
            #expect(published.availability == .userError)
            #expect(published.faults.first?.code == "paper-out")
            #expect(published.faults.first?.remediation.action == .clear)
            #expect(published.usability == .unusable(LocalizedText(zh: "凭条打印机缺纸", en: "Receipt printer out of paper")))

            await rig.simulator.updateSensors { $0.paper = .ok }
            #expect(await rig.driver.refreshStatus().availability == .online)
            _ = try await rig.driver.print(try self.receipt(rig))
            #expect(await rig.simulator.receipts.count == 1)
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func anOpenCoverFailsWithNothingPrinted(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.updateSensors { $0.isCoverOpen = true }
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .notReady(let status)? = failure else {
                Issue.record("expected notReady, got \(String(describing: failure))")
                return
            }
            #expect(status.isCoverOpen)
            #expect(await rig.driver.status.faults.map(\.code) == ["cover-open"])
            #expect(await rig.simulator.receipts.isEmpty)
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func paperRunningOutMidJobIsAFailureThatMayHavePrinted(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.updateSensors { $0.linesUntilPaperOut = 6 }
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .stopped(let status)? = failure else {
                Issue.record("expected stopped, got \(String(describing: failure))")
                return
            }
            #expect(status.paper == .out)
            #expect(failure?.mayHavePrintedPartially == true)
            #expect(await rig.simulator.receipts.isEmpty)
            #expect(await rig.simulator.uncutPaper.lines.count == 6)
            #expect(await rig.driver.status.faults.first?.code == "paper-out")
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func aJammedCutterIsAFailureThatMayHavePrinted(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.updateSensors { $0.jamsAtNextCut = true }
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .stopped(let status)? = failure else {
                Issue.record("expected stopped, got \(String(describing: failure))")
                return
            }
            #expect(status.hasCutterError)
            #expect(failure?.mayHavePrintedPartially == true)
            #expect(await rig.driver.status.availability == .hardwareError)
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func aConnectionDroppedMidJobIsAFailureAndTheNextJobReconnects(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.dropConnection(afterBytes: 200)
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .connectionLost? = failure else {
                Issue.record("expected connectionLost, got \(String(describing: failure))")
                return
            }
            #expect(failure?.mayHavePrintedPartially == true)
            #expect(await rig.simulator.droppedConnections == 1)
            #expect(await rig.simulator.receipts.isEmpty)
            #expect(await rig.driver.status.availability == .powerOff)

            try await rig.waitForCable()
            let report = try await rig.driver.print(try self.receipt(rig))
            #expect(report.isConfirmed)
            #expect(await rig.simulator.receipts.count == 1)
        }
    }

    @Test(arguments: [PrinterRig.Wire.serial, .tcp])
    func aPrinterThatDoesNotAnswerFailsBeforeSendingTheJob(wire: PrinterRig.Wire) async throws {
        try await PrinterRig.with(wire) { rig in
            await rig.simulator.updateSensors { $0.isSilent = true }
            let document = try self.receipt(rig)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await rig.driver.print(document) }
            guard case .noStatusReply? = failure else {
                Issue.record("expected noStatusReply, got \(String(describing: failure))")
                return
            }
            #expect(failure?.mayHavePrintedPartially == false)
            #expect(await rig.simulator.receipts.isEmpty)
            let published = await rig.driver.status
            #expect(published.availability == .hardwareError)
            #expect(published.faults.first?.code == "no-status")
        }
    }

    @Test func paperNearEndPrintsAndIsReported() async throws {
        try await PrinterRig.with(.tcp) { rig in
            await rig.simulator.updateSensors { $0.paper = .nearEnd }
            let report = try await rig.driver.print(try self.receipt(rig))
            #expect(report.statusAfter?.paper == .nearEnd)
            let published = await rig.driver.status
            #expect(published.availability == .online)
            #expect(published.details["paper"] == "near-end")
        }
    }

    @Test func unreachablePrintersFailWithoutPrinting() async throws {
        let capabilities = try ReceiptFixtures.capabilities(ReceiptFixtures.network)
        // A port nobody listens on: bind a listener, note its port, close it.
        let closed = try TCPListener(port: 0) { stream, _ in stream.close() }
        let port = closed.port
        closed.stop()
        for endpoint in [ReceiptPrinterEndpoint.tcp(host: "127.0.0.1", port: port), .serial(path: "/nonexistent/ttyUSB9", baudRate: 9600), .usbPrinter(path: "/nonexistent/lp9")] {
            let driver = ReceiptPrinterDriver(
                configuration: ReceiptPrinterConfiguration(deviceID: "x", capabilities: capabilities, endpoint: endpoint), logger: PrinterRig.quietLogger)
            let failure = await self.failure { () async throws(ReceiptPrintFailure) in try await driver.print(ReceiptDocument([.text("x", .body)])) }
            guard case .unreachable? = failure else {
                Issue.record("\(endpoint): expected unreachable, got \(String(describing: failure))")
                continue
            }
            #expect(failure?.mayHavePrintedPartially == false)
            #expect(await driver.status.availability == .powerOff)
        }
    }

    @Test func statusChangesArePublishedOnTheStream() async throws {
        try await PrinterRig.with(.tcp) { rig in
            var updates = rig.driver.statusUpdates.makeAsyncIterator()
            #expect(await updates.next()?.details["status"] == "not checked yet")
            await rig.driver.refreshStatus()
            #expect(await updates.next()?.availability == .online)
            await rig.simulator.updateSensors { $0.isCoverOpen = true }
            await rig.driver.refreshStatus()
            #expect(await updates.next()?.faults.first?.code == "cover-open")
            await rig.driver.refreshStatus()  // unchanged: nothing new published
            await rig.simulator.updateSensors { $0.isCoverOpen = false }
            await rig.driver.refreshStatus()
            #expect(await updates.next()?.availability == .online)
        }
    }

    @Test func concurrentJobsPrintOneAfterTheOther() async throws {
        try await PrinterRig.with(.serial) { rig in
            let document = try self.receipt(rig)
            try await withThrowingTaskGroup(of: ReceiptPrintReport.self) { group in
                for _ in 0..<4 { group.addTask { try await rig.driver.print(document) } }
                for try await report in group { #expect(report.isConfirmed) }
            }
            let receipts = await rig.simulator.receipts
            #expect(receipts.count == 4)
            #expect(Set(receipts.map(\.transcript)).count == 1, "no job interleaved with another")
        }
    }

    @Test func theSessionsReceiptJobPrintsAndTheSessionMovesOn() async throws {
        var kiosk = SessionHarness(catalogue: try Fixtures.catalogue(), isOneSwipe: false)
        let citizen = try Fixtures.citizen("alpha")
        kiosk.send(.cardRead(CardReading(identity: citizen.identity, citizenKey: CitizenKey(hex: "k"))))
        let request = try #require(kiosk.send(.choiceSelected(.service("traffic-fine-payment"))).recordsRequest)
        kiosk.send(.recordsFetched(request.sessionID, try #require(try Fixtures.recordBook(for: "alpha").records(from: .trafficViolations))))
        kiosk.send(.choiceSelected(.payCash))
        let transaction = TransactionID(session: request.sessionID)
        var actions: [SessionAction] = []
        for _ in 0..<4 {
            kiosk.send(.noteEscrowed(transaction, .yuan(100)))
            actions = kiosk.send(.noteCredited(transaction, .yuan(100)))
        }
        let job = try #require(actions.lazy.compactMap { if case .printReceipt(let job) = $0 { job } else { nil } }.first)

        try await PrinterRig.with(.serial, profile: ReceiptFixtures.fiftyEightMillimetre) { rig in
            let context = ReceiptPrintContext(kioskID: "TEST-01", issuedAt: Date(), followUp: "https://onetrip.example/t/\(job.transactionID)")
            _ = try await rig.driver.print(job, context: context)
            let text = try #require(await rig.simulator.receipts.first?.transcript)
            #expect(text.contains(job.transactionID.description))
            #expect(text.contains("￥50.00"), "the overpayment credit")
            #expect(!text.contains(citizen.identity.name), "only the masked name prints")
        }
        kiosk.send(.receiptPrinted(transaction))
        #expect(kiosk.screen.kind == .collect)
    }
}
