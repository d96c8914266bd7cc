import ControlAPI
import DeviceKit
import Foundation
import KioskCore

/// A ``KioskControl`` over canned state, for the control API's tests (the daemon's real
/// implementation is tested end to end with the daemon). It records what it was asked, and its
/// streaming operations can wait at a gate, so a test proves lines arrive while they run.
actor CannedKiosk: KioskControl {
    var statusReport: KioskStatusReport
    var deviceReports: [DeviceReport]
    var sessionsReport: SessionsReport
    var queueReport: QueueReport
    var diagnosticEntries: [DiagnosticReport.Entry]
    var flushSteps: [QueueFlushProgress]
    /// Thrown by the next call of any operation, if set.
    var refusal: ControlError?
    /// Thrown by a stream after its first progress line, if set.
    var failureMidStream: ControlError?
    /// Maintenance calls, in order.
    private(set) var maintenanceCalls: [(enabled: Bool, reason: String?, peer: ControlPeer?)] = []
    /// Diagnostic requests, in order.
    private(set) var diagnosticRequests: [DiagnosticRequest] = []
    /// Set while a stream waits after its first line: the test opens it.
    private var gate: AsyncStream<Void>.Continuation?
    private var gateStream: AsyncStream<Void>?
    /// Whether a stream was cancelled (the client went away).
    private(set) var streamCancelled = false

    init() {
        let started = Date(timeIntervalSince1970: 1_764_115_200)
        let faults = [
            DeviceFault(
                code: "paper-out", summary: "the paper roll is empty", remediation: Remediation(.clear, "load a new 80 mm roll and close the cover"),
                citizenNotice: LocalizedText(zh: "凭条打印机缺纸", en: "Receipt printer out of paper"))
        ]
        let devices = [
            DeviceStatus(role: .idCardReader, deviceID: "serial:1a86:7523:SAM0001", model: "Generic SAM reader", availability: .online),
            DeviceStatus(role: .receiptPrinter, deviceID: "port:0416:5011:usb-1-2", model: "80 mm ESC/POS", availability: .userError, faults: faults),
        ]
        self.statusReport = KioskStatusReport(
            kioskID: "TEST-01", version: "0.1.0-test", startedAt: started, uptimeSeconds: 93_784, sessionState: "idle", screen: .idle,
            inService: true, maintenance: MaintenanceState(enabled: false), devices: devices,
            queue: QueueSummary(pendingRecords: 12, oldestPendingAt: started.addingTimeInterval(60), lastUploadAt: started.addingTimeInterval(30)))
        var statistics = DeviceStatistics(role: .receiptPrinter, deviceID: "port:0416:5011:usb-1-2")
        statistics.receiptsPrinted = 412
        statistics.jams = 2
        self.deviceReports = devices.map { status in
            DeviceReport(
                role: status.role, status: status, identity: DeviceIdentity(parsing: status.deviceID), endpoint: "/dev/onetrip/\(status.role.rawValue)",
                profile: status.role == .idCardReader ? "sam-reader-ch340" : "escpos-80mm-generic", model: status.model,
                statistics: status.role == .receiptPrinter ? statistics : nil)
        }
        self.sessionsReport = SessionsReport(
            current: CurrentVisit(
                sessionID: "TEST-01-000043", state: "awaitingPayment", screen: .payment, service: "traffic-fine-payment", transactionID: "TEST-01-000043T",
                amountDue: .yuan(200), amountPaid: .yuan(50), secondsToTimeout: 84),
            recent: [
                SessionSummary(
                    sessionID: "TEST-01-000042", startedAt: started, endedAt: started.addingTimeInterval(95), outcome: "completed",
                    service: "social-insurance-proof", cardType: .residentID)
            ])
        self.queueReport = QueueReport(
            pendingRecords: 12, pendingBytes: 5_120, pendingTelemetry: 4, oldestPendingAt: started.addingTimeInterval(60), acknowledgedThrough: 88,
            highestSequence: 100, lastUploadAt: started.addingTimeInterval(30), lastError: "back office unreachable: connect timeout",
            lastErrorAt: started.addingTimeInterval(90), droppedTelemetry: 0, uploader: "backing off")
        self.diagnosticEntries = [
            DiagnosticReport.Entry(role: nil, check: "device profiles", level: .internal, result: .passed("12 profiles loaded"), milliseconds: 3),
            DiagnosticReport.Entry(
                role: .receiptPrinter, check: "paper and cover status", level: .internal,
                result: DiagnosticResult(status: devices[1], detail: "DLE EOT 4: paper roll empty"), milliseconds: 41),
        ]
        self.flushSteps = [
            QueueFlushProgress(uploaded: 5, remaining: 7, acknowledgedThrough: 93),
            QueueFlushProgress(uploaded: 12, remaining: 0, acknowledgedThrough: 100),
        ]
    }

    /// Makes the next stream wait after its first progress line until ``openGate()``.
    func closeGate() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        self.gateStream = stream
        self.gate = continuation
    }

    /// Lets a waiting stream go on.
    func openGate() {
        self.gate?.yield()
        self.gate?.finish()
    }

    func set(refusal: ControlError?) { self.refusal = refusal }
    func setFlushSteps(_ steps: [QueueFlushProgress]) { self.flushSteps = steps }
    func set(failureMidStream: ControlError?) { self.failureMidStream = failureMidStream }

    private func checkRefusal() throws {
        if let refusal = self.refusal { throw refusal }
    }

    private func waitAtGate() async throws {
        guard let stream = self.gateStream else { return }
        self.gateStream = nil
        for await _ in stream { break }
        if Task.isCancelled {
            self.streamCancelled = true
            throw CancellationError()
        }
    }

    // MARK: KioskControl

    func status() async throws -> KioskStatusReport {
        try self.checkRefusal()
        return self.statusReport
    }

    func devices() async throws -> [DeviceReport] {
        try self.checkRefusal()
        return self.deviceReports
    }

    func runDiagnostics(_ request: DiagnosticRequest, onEntry: @escaping @Sendable (DiagnosticReport.Entry) async -> Void) async throws -> DiagnosticReport {
        try self.checkRefusal()
        self.diagnosticRequests.append(request)
        var done: [DiagnosticReport.Entry] = []
        for (index, entry) in self.diagnosticEntries.enumerated() where entry.role.map(request.roles.contains) ?? true {
            await onEntry(entry)
            done.append(entry)
            if index == 0 {
                try await self.waitAtGate()
                if let failure = self.failureMidStream { throw failure }
            }
        }
        return DiagnosticReport(request: request, source: "onetripd", startedAt: self.statusReport.startedAt, entries: done)
    }

    func sessions() async throws -> SessionsReport {
        try self.checkRefusal()
        return self.sessionsReport
    }

    func setMaintenance(_ enabled: Bool, reason: String?, requestedBy peer: ControlPeer?) async throws -> MaintenanceState {
        try self.checkRefusal()
        self.maintenanceCalls.append((enabled, reason, peer))
        let state = MaintenanceState(enabled: enabled, reason: reason, since: self.statusReport.startedAt.addingTimeInterval(3600), visitInProgress: enabled)
        self.statusReport.maintenance = state
        self.statusReport.inService = !enabled
        return state
    }

    func queue() async throws -> QueueReport {
        try self.checkRefusal()
        return self.queueReport
    }

    func flushQueue(progress: @escaping @Sendable (QueueFlushProgress) async -> Void) async throws -> QueueFlushResult {
        try self.checkRefusal()
        for (index, step) in self.flushSteps.enumerated() {
            await progress(step)
            if index == 0 {
                try await self.waitAtGate()
                if let failure = self.failureMidStream { throw failure }
            }
        }
        let last = self.flushSteps.last ?? QueueFlushProgress(uploaded: 0, remaining: 0, acknowledgedThrough: 0)
        return QueueFlushResult(uploaded: last.uploaded, remaining: last.remaining, acknowledgedThrough: last.acknowledgedThrough)
    }
}
