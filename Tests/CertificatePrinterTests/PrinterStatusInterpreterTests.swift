import CertificatePrinter
import DeviceKit
import Testing

@Suite("Printer status from queue and device state")
struct PrinterStatusInterpreterTests {
    func status(queue: PrinterSnapshot = PrinterSnapshot(state: .idle, reasons: []), device: Result<PrinterSnapshot, CUPSError>?) -> DeviceStatus {
        PrinterStatusInterpreter.status(of: PrinterHealth(queue: "KioskA4", queueSnapshot: .success(queue), deviceSnapshot: device))
    }

    @Test(arguments: [
        (["media-empty-report"], "paper-out", DeviceAvailability.userError, Remediation.Action.clear),
        (["media-empty-warning", "media-needed-warning"], "paper-out", .userError, .clear),
        (["media-jam-warning"], "paper-jam", .userError, .clear),
        (["cover-open-report"], "door-open", .userError, .clear),
        (["door-open"], "door-open", .userError, .clear),
        (["toner-empty-report"], "toner-empty", .userError, .maintenance),
        (["offline-report"], "printer-offline", .offline, .reset),
        (["fuser-over-temp-error"], "printer-error", .hardwareError, .maintenance),
    ])
    func faultKeywordsCountWhateverTheirSuffix(_ reasons: [String], _ code: String, _ availability: DeviceAvailability, _ action: Remediation.Action) {
        let status = self.status(device: .success(PrinterSnapshot(state: .idle, reasons: reasons)))
        #expect(status.availability == availability)
        #expect(status.faults.first?.code == code)
        #expect(status.faults.first?.remediation.action == action)
        #expect(!status.usability.isUsable)
    }

    @Test func warningsKeepThePrinterUsable() {
        let device = PrinterSnapshot(
            state: .idle, reasons: ["toner-low-report", "media-low-report", "cups-waiting-for-job-completed"],
            markers: [Marker(name: "black toner", type: "toner", level: 5)])
        let status = self.status(device: .success(device))
        #expect(status.availability == .online)
        #expect(status.faults.isEmpty)
        #expect(status.details["warnings"]?.contains("toner-low") == true)
        #expect(status.details["warnings"]?.contains("paper-low") == true)
        #expect(status.details["supply black toner"] == "5%")
    }

    @Test func aStoppedOrRejectingQueueIsOfflineWithTheCommandToFixIt() {
        let stopped = self.status(queue: PrinterSnapshot(state: .stopped, reasons: ["paused"], message: "tech on site"), device: nil)
        #expect(stopped.availability == .offline)
        #expect(stopped.faults.first?.code == "queue-stopped")
        #expect(stopped.faults.first?.remediation.instruction.contains("cupsenable KioskA4") == true)
        let rejecting = self.status(queue: PrinterSnapshot(state: .idle, reasons: [], isAcceptingJobs: false), device: nil)
        #expect(rejecting.faults.first?.code == "queue-rejecting")
        #expect(rejecting.faults.first?.remediation.instruction.contains("cupsaccept KioskA4") == true)
    }

    @Test func anUnreachableDeviceIsOfflineEvenWhenTheQueueLooksIdle() {
        let status = self.status(device: .failure(.deviceUnreachable(uri: "ipp://localhost:1/ipp/print", reason: "1282 Host is down")))
        #expect(status.availability == .offline)
        #expect(status.faults.first?.code == "printer-offline")
        #expect(status.faults.first?.remediation.action == .reset)
    }

    @Test func aMissingQueueOrSchedulerIsNamed() {
        let missing = PrinterStatusInterpreter.status(
            of: PrinterHealth(queue: "KioskA4", queueSnapshot: .failure(.queueNotFound(queue: "KioskA4", server: "/s")), deviceSnapshot: nil))
        #expect(missing.availability == .noDevice)
        #expect(missing.faults.first?.code == "queue-missing")
        let down = PrinterStatusInterpreter.status(
            of: PrinterHealth(queue: "KioskA4", queueSnapshot: .failure(.connectFailed(server: "/s", reason: "x")), deviceSnapshot: nil))
        #expect(down.faults.first?.code == "cups-unreachable")
    }

    @Test func aBusyPrinterIsUsable() {
        let status = self.status(device: .success(PrinterSnapshot(state: .processing, reasons: [])))
        #expect(status.availability == .busy)
        #expect(status.usability.isUsable)
    }
}
