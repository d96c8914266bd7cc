import COneTripCUPS

#if canImport(Glibc)
import Glibc
#endif

/// Builds IPP requests and reads responses through libcups's `ipp_t` API, keeping every C
/// pointer inside one call on the CUPS thread.
enum IPPAttributes {
    /// A new request with `printer-uri` and `requesting-user-name` (RFC 8011 §4.1.5).
    static func request(_ operation: ipp_op_t, printerURI: String) -> OpaquePointer {
        let request = ippNewRequest(operation)!
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        return request
    }

    /// Adds `requested-attributes` (the strings must outlive the call: strdup/free).
    static func requestAttributes(_ request: OpaquePointer, _ names: [String]) {
        var pointers: [UnsafePointer<CChar>?] = names.map { UnsafePointer(strdup($0)) }
        defer { pointers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", Int32(names.count), nil, &pointers)
    }

    /// Sends a request and checks the response's status.
    /// - Throws: ``CUPSError/requestFailed(operation:status:message:)``.
    static func send(_ request: OpaquePointer, on http: OpaquePointer, resource: String, operation: String) throws(CUPSError)
        -> OpaquePointer
    {
        // cupsDoRequest frees the request; the caller must ippDelete the response.
        guard let response = cupsDoRequest(http, request, resource) else { throw CUPSError.lastRequestFailure(operation) }
        let status = ippGetStatusCode(response)
        guard status.rawValue < 0x0100 else {
            ippDelete(response)
            throw CUPSError.lastRequestFailure(operation)
        }
        return response
    }

    static func strings(_ response: OpaquePointer, _ name: String) -> [String] {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { ippGetString(attribute, $0, nil).map { String(cString: $0) } }
    }

    static func string(_ response: OpaquePointer, _ name: String) -> String? { self.strings(response, name).first }

    static func integers(_ response: OpaquePointer, _ name: String) -> [Int] {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attribute)).map { Int(ippGetInteger(attribute, $0)) }
    }

    static func integer(_ response: OpaquePointer, _ name: String) -> Int? { self.integers(response, name).first }

    static func boolean(_ response: OpaquePointer, _ name: String) -> Bool? {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_BOOLEAN) else { return nil }
        return ippGetBoolean(attribute, 0) != 0
    }

    /// The printer attributes OneTrip reads for health.
    static let healthAttributes = [
        "printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs", "device-uri",
        "printer-make-and-model", "marker-names", "marker-types", "marker-levels", "printer-supply", "printer-supply-description",
    ]

    /// Reads a health snapshot from a Get-Printer-Attributes response.
    static func snapshot(_ response: OpaquePointer) -> PrinterSnapshot {
        var markers: [Marker] = []
        let names = self.strings(response, "marker-names")
        let types = self.strings(response, "marker-types")
        let levels = self.integers(response, "marker-levels")
        if !names.isEmpty {
            for (index, name) in names.enumerated() {
                markers.append(
                    Marker(name: name, type: index < types.count ? types[index] : "", level: index < levels.count ? levels[index] : -1))
            }
        } else {
            // printer-supply (PWG 5100.13): "type=toner;…;level=25;…" per supply, described by
            // printer-supply-description. ippeveprinter reports supplies this way.
            let descriptions = self.strings(response, "printer-supply-description")
            for (index, supply) in self.octetStrings(response, "printer-supply").enumerated() {
                let fields = Dictionary(
                    supply.split(separator: ";").compactMap { pair -> (String, String)? in
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                    }, uniquingKeysWith: { first, _ in first })
                markers.append(
                    Marker(
                        name: index < descriptions.count ? descriptions[index] : fields["colorantname"] ?? "supply \(index)",
                        type: fields["type"] ?? "", level: Int(fields["level"] ?? "") ?? -1))
            }
        }
        return PrinterSnapshot(
            state: PrinterState(rawValue: Int32(self.integer(response, "printer-state") ?? 3)) ?? .idle,
            reasons: self.strings(response, "printer-state-reasons").filter { $0 != "none" },
            message: self.string(response, "printer-state-message") ?? "",
            isAcceptingJobs: self.boolean(response, "printer-is-accepting-jobs") ?? true,
            deviceURI: self.string(response, "device-uri"), makeAndModel: self.string(response, "printer-make-and-model"),
            markers: markers)
    }

    /// octetString values (printer-supply), as text.
    static func octetStrings(_ response: OpaquePointer, _ name: String) -> [String] {
        guard let attribute = ippFindAttribute(response, name, IPP_TAG_ZERO) else { return [] }
        return (0..<ippGetCount(attribute)).compactMap { index in
            var length: Int32 = 0
            guard let bytes = ippGetOctetString(attribute, index, &length) else {
                return ippGetString(attribute, index, nil).map { String(cString: $0) }
            }
            return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
        }
    }
}
