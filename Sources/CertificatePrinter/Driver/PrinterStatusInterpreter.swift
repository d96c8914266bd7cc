import DeviceKit
import KioskCore

/// Turns a ``PrinterHealth`` reading into the ``DeviceKit/DeviceStatus`` every driver
/// publishes: one availability, the faults with what a technician should do, and details.
///
/// Pure: a table from IPP keywords (CUPS `doc/help/api-filter.html` "Standard State Keywords",
/// cups-printing.md §1.6) to faults. Fault keywords count whatever their suffix, because an
/// idle printer reports the same jam as `media-jam-report` and a busy one as
/// `media-jam-warning`; warnings (paper low, toner low) go to the details and keep the printer
/// usable.
public enum PrinterStatusInterpreter {
    /// Interprets a reading.
    public static func status(of health: PrinterHealth) -> DeviceStatus {
        var faults: [(DeviceAvailability, DeviceFault)] = []
        var details: [String: String] = ["queue": health.queue]
        var deviceID = health.queue
        var isPrinting = false

        switch health.queueSnapshot {
        case .failure(let error):
            faults.append(self.queueFailure(error, queue: health.queue))
        case .success(let queue):
            details["queue-state"] = queue.state.description
            if let uri = queue.deviceURI { details["device-uri"] = uri }
            if !queue.message.isEmpty { details["queue-message"] = queue.message }
            if queue.state == .stopped {
                faults.append(
                    Fault.make(
                        .offline, "queue-stopped", "CUPS queue \(health.queue) is stopped\(Self.because(queue.message))",
                        .configuration, "fix the cause, then resume the queue: cupsenable \(health.queue)", Fault.unavailable))
            }
            if !queue.isAcceptingJobs {
                faults.append(
                    Fault.make(
                        .offline, "queue-rejecting", "CUPS queue \(health.queue) is not accepting jobs\(Self.because(queue.message))",
                        .configuration, "fix the cause, then accept jobs again: cupsaccept \(health.queue)", Fault.unavailable))
            }
        }

        switch health.deviceSnapshot {
        case nil:
            break
        case .failure(let error):
            let uri: String
            if case .deviceUnreachable(let target, _) = error { uri = target } else { uri = "the printer" }
            faults.append(
                Fault.make(
                    .offline, "printer-offline", "the printer does not answer (\(error))", .reset,
                    "switch the printer on and check its USB or network cable; it must answer at \(uri)", Fault.unavailable))
        case .success(let device):
            deviceID = health.queue
            isPrinting = device.state == .processing
            details["printer-state"] = device.state.description
            if !device.message.isEmpty { details["printer-message"] = device.message }
            for marker in device.markers where marker.level >= 0 {
                details["supply \(marker.name)"] = "\(marker.level)%"
            }
            var warnings: [String] = []
            for reason in device.reasons.map(StateReason.init) {
                if let fault = Fault.table[reason.keyword] {
                    faults.append(fault)
                } else if let warning = Fault.warnings[reason.keyword] {
                    warnings.append(warning)
                } else if reason.severity == .error, !Fault.ignored(reason.keyword) {
                    faults.append(
                        Fault.make(
                            .hardwareError, "printer-error", "the printer reports '\(reason.keyword)'\(Self.because(device.message))",
                            .maintenance, "check the printer's display and manual for '\(reason.keyword)'", Fault.unavailable))
                }
            }
            if device.state == .stopped, faults.isEmpty {
                faults.append(
                    Fault.make(
                        .offline, "printer-stopped", "the printer is stopped\(Self.because(device.message))", .reset,
                        "resume the printer from its control panel, or power-cycle it", Fault.unavailable))
            }
            if !device.isAcceptingJobs {
                faults.append(
                    Fault.make(
                        .offline, "printer-not-accepting", "the printer refuses jobs\(Self.because(device.message))", .reset,
                        "check the printer's control panel; power-cycle it if it stays so", Fault.unavailable))
            }
            if !warnings.isEmpty { details["warnings"] = warnings.sorted().joined(separator: "; ") }
        }

        let ordered = faults.sorted { Self.rank($0.0) < Self.rank($1.0) }
        var unique: [DeviceFault] = []
        for (_, fault) in ordered where !unique.contains(where: { $0.code == fault.code }) { unique.append(fault) }
        let availability = ordered.first?.0 ?? (isPrinting ? .busy : .online)
        return DeviceStatus(
            role: .certificatePrinter, deviceID: deviceID, model: health.model, availability: availability, faults: unique,
            details: details)
    }

    private static func queueFailure(_ error: CUPSError, queue: String) -> (DeviceAvailability, DeviceFault) {
        switch error {
        case .queueNotFound:
            Fault.make(
                .noDevice, "queue-missing", "\(error)", .configuration,
                "create the queue: lpadmin -p \(queue) -E -v ipp://localhost:PORT/ipp/print -m everywhere, or fix the queue name in onetrip.toml",
                Fault.unavailable)
        case .connectFailed:
            Fault.make(
                .offline, "cups-unreachable", "\(error)", .reset,
                "start the CUPS scheduler (systemctl restart cups) or fix the server in onetrip.toml", Fault.unavailable)
        default:
            Fault.make(.offline, "cups-error", "\(error)", .reset, "check the CUPS error log (/var/log/cups/error_log)", Fault.unavailable)
        }
    }

    private static func because(_ message: String) -> String { message.isEmpty ? "" : " (\(message))" }

    private static func rank(_ availability: DeviceAvailability) -> Int {
        switch availability {
        case .noDevice: 0
        case .powerOff: 1
        case .offline: 2
        case .userError: 3
        case .hardwareError: 4
        case .fraudAttempt: 5
        case .busy: 6
        case .online: 7
        }
    }
}
