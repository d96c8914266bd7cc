import COneTripCUPS

#if canImport(Glibc)
import Glibc
#endif

extension CUPSConnection {
    /// The queue's own state (Get-Printer-Attributes to cupsd). Its reasons are current only
    /// while a job prints; an idle queue hides the device's faults (cups-printing.md §1.6).
    func queueSnapshot(queue: String) throws(CUPSError) -> PrinterSnapshot {
        let request = IPPAttributes.request(IPP_OP_GET_PRINTER_ATTRIBUTES, printerURI: Self.queueURI(queue))
        IPPAttributes.requestAttributes(request, IPPAttributes.healthAttributes)
        do {
            let response = try IPPAttributes.send(request, on: self.http, resource: "/", operation: "Get-Printer-Attributes \(queue)")
            defer { ippDelete(response) }
            return IPPAttributes.snapshot(response)
        } catch {
            if case .requestFailed(_, let status, _) = error, status == IPP_STATUS_ERROR_NOT_FOUND.rawValue {
                throw .queueNotFound(queue: queue, server: self.server)
            }
            throw error
        }
    }

    /// Asks the printer itself (the queue's `device-uri`) for its state, supplies and reasons:
    /// the probe the research verified (cups-printing.md §1.6).
    /// - Throws: ``CUPSError/deviceUnreachable(uri:reason:)`` when it does not answer.
    static func deviceSnapshot(uri: String, timeout: Duration) throws(CUPSError) -> PrinterSnapshot {
        var scheme = [CChar](repeating: 0, count: 32)
        var user = [CChar](repeating: 0, count: 256)
        var host = [CChar](repeating: 0, count: 256)
        var resource = [CChar](repeating: 0, count: 1024)
        var port: Int32 = 0
        let parsed = httpSeparateURI(HTTP_URI_CODING_ALL, uri, &scheme, 32, &user, 256, &host, 256, &port, &resource, 1024)
        func text(_ buffer: [CChar]) -> String {
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let schemeText = text(scheme)
        guard parsed.rawValue >= HTTP_URI_STATUS_OK.rawValue, schemeText == "ipp" || schemeText == "ipps" else {
            throw .deviceUnreachable(uri: uri, reason: "not an ipp:// or ipps:// device URI; the kiosk can only probe IPP printers")
        }
        // Options such as ?contimeout=30 belong to the ipp backend, not to the printer.
        let path = text(resource).split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        let hostText = text(host)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let encryption = schemeText == "ipps" ? HTTP_ENCRYPTION_ALWAYS : HTTP_ENCRYPTION_IF_REQUESTED
        guard let http = httpConnect2(hostText, port, nil, AF_UNSPEC, encryption, 1, milliseconds, nil) else {
            throw .deviceUnreachable(uri: uri, reason: CUPSError.lastErrorMessage())
        }
        defer { httpClose(http) }
        let printerURI = "\(schemeText)://\(hostText):\(port)\(path)"
        let request = IPPAttributes.request(IPP_OP_GET_PRINTER_ATTRIBUTES, printerURI: printerURI)
        IPPAttributes.requestAttributes(request, IPPAttributes.healthAttributes)
        do {
            let response = try IPPAttributes.send(request, on: http, resource: path, operation: "Get-Printer-Attributes \(printerURI)")
            defer { ippDelete(response) }
            return IPPAttributes.snapshot(response)
        } catch {
            throw .deviceUnreachable(uri: printerURI, reason: error.description)
        }
    }
}
