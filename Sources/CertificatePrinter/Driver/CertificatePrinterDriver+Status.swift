import COneTripCUPS
import DeviceKit

extension CertificatePrinterDriver {
    /// Reads the queue's state from cupsd and the printer's own state over IPP, publishes the
    /// resulting status, and returns it.
    ///
    /// The queue alone is not enough: an idle queue shows `none` while the printer is out of
    /// paper, and never shows an unreachable printer (cups-printing.md §1.6).
    @discardableResult
    public func refreshStatus() async -> DeviceStatus {
        let status = PrinterStatusInterpreter.status(of: await self.health())
        self.publish(status)
        return status
    }

    /// One health reading.
    public func health() async -> PrinterHealth {
        let queue = self.configuration.queue
        let queueSnapshot: Result<PrinterSnapshot, CUPSError>
        do {
            queueSnapshot = .success(
                try await self.worker.perform { connection throws(CUPSError) in
                    var snapshot = try connection.queueSnapshot(queue: queue)
                    if snapshot.deviceURI == nil {
                        // cupsd may withhold device-uri from Get-Printer-Attributes; the dest's
                        // options carry it (cups-printing.md §1.2).
                        if let dest = cupsGetNamedDest(connection.http, queue, nil) {
                            defer { cupsFreeDests(1, dest) }
                            snapshot.deviceURI = cupsGetOption("device-uri", dest.pointee.num_options, dest.pointee.options)
                                .map { String(cString: $0) }
                        }
                    }
                    return snapshot
                })
        } catch {
            queueSnapshot = .failure(error)
        }
        var deviceSnapshot: Result<PrinterSnapshot, CUPSError>?
        if case .success(let snapshot) = queueSnapshot, let uri = snapshot.deviceURI, uri.hasPrefix("ipp") {
            let timeout = self.configuration.deviceTimeout
            do {
                deviceSnapshot = .success(
                    try await self.probeWorker.performDetached { () throws(CUPSError) in
                        try CUPSConnection.deviceSnapshot(uri: uri, timeout: timeout)
                    })
            } catch {
                deviceSnapshot = .failure(error)
            }
        }
        return PrinterHealth(queue: queue, queueSnapshot: queueSnapshot, deviceSnapshot: deviceSnapshot, model: self.configuration.model)
    }
}
