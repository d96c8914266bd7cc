import Foundation
import KioskCore

extension DeviceProfile {
    /// Parses and validates one profile.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the file name for messages (and the profile's id, without `.yaml`).
    /// - Throws: ``ProfileError`` pointing at `file:line: key`.
    public init(yaml: String, file: String) throws(ProfileError) {
        let root = try ProfileNode.parse(yaml: yaml, file: file)
        try root.rejectUnknownKeys(["model", "vendor", "role", "example", "source", "match", "transport", "protocol", "capabilities", "timeouts"])
        let name = (file as NSString).lastPathComponent
        self.id = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        self.file = file
        self.model = try root.string("model")
        self.vendor = try root.string("vendor")
        self.role = try root.choice("role", as: DeviceRole.self)
        self.isExample = try root.bool("example", default: false)
        self.match = try Self.readMatch(root.mapping("match"))
        self.transport = try Self.readTransport(root.mapping("transport"))
        self.wireProtocol = try root.choice("protocol", as: DeviceProtocol.self)
        self.capabilities = try Self.readCapabilities(root.mapping("capabilities"), role: self.role)
        self.timeouts = [:]
        if let timeouts = try root.optionalMapping("timeouts") {
            for key in timeouts.keys { self.timeouts[key] = try timeouts.duration(key) }
        }
        try self.checkConsistency(root)
    }

    private func checkConsistency(_ root: ProfileNode) throws(ProfileError) {
        let expected: [DeviceRole: DeviceProtocol] = [
            .idCardReader: .sam, .receiptPrinter: .escpos, .certificatePrinter: .ipp, .billValidator: .ssp,
            .paymentCodeScanner: .scannerSerial,
        ]
        if expected[self.role] != self.wireProtocol {
            throw root.error("protocol", "a \(self.role.rawValue) speaks \(expected[self.role]!.rawValue), not \(self.wireProtocol.rawValue)")
        }
        if case .cups = self.transport, self.role != .certificatePrinter {
            throw root.error("transport", "only a certificatePrinter is reached through CUPS")
        }
        if self.role == .certificatePrinter, case .cups = self.transport {} else if self.role == .certificatePrinter {
            throw root.error("transport", "a certificatePrinter is reached through CUPS (kind: cups)")
        }
    }

    static func readMatch(_ node: ProfileNode) throws(ProfileError) -> DeviceMatch {
        try node.rejectUnknownKeys(["subsystem", "usbVendorID", "usbProductID", "interface", "serialPattern"])
        func hex4(_ key: String) throws(ProfileError) -> String? {
            guard let text = try node.optionalString(key) else { return nil }
            let lower = text.lowercased()
            guard lower.count == 4, lower.allSatisfy(\.isHexDigit) else {
                throw node.error(key, "'\(text)' is not four hex digits (write USB ids like \"0400\")")
            }
            return lower
        }
        let pattern = try node.optionalString("serialPattern")
        if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            throw node.error("serialPattern", "'\(pattern)' is not a valid regular expression")
        }
        let match = DeviceMatch(
            subsystem: try node.optionalString("subsystem"), usbVendorID: try hex4("usbVendorID"), usbProductID: try hex4("usbProductID"),
            interfaceNumber: try node.optionalInt("interface", in: 0...255), serialPattern: pattern)
        if match.usbVendorID != nil, match.usbProductID == nil {
            throw node.error("usbProductID", "required with usbVendorID")
        }
        return match
    }

    static func readTransport(_ node: ProfileNode) throws(ProfileError) -> TransportSettings {
        enum Kind: String, CaseIterable { case serial, tcp, usbPrinter, cups }
        switch try node.choice("kind", as: Kind.self) {
        case .serial:
            try node.rejectUnknownKeys(["kind", "baudRate"])
            let baud = try node.int("baudRate", in: 1200...921_600)
            guard SerialPort.supports(baudRate: baud) else {
                throw node.error("baudRate", "\(baud) is not a standard rate (9600, 19200, 38400, 57600, 115200…)")
            }
            return .serial(baudRate: baud)
        case .tcp:
            try node.rejectUnknownKeys(["kind", "port"])
            return .tcp(port: try node.int("port", in: 1...65535))
        case .usbPrinter:
            try node.rejectUnknownKeys(["kind"])
            return .usbPrinter
        case .cups:
            try node.rejectUnknownKeys(["kind", "queue"])
            let queue = try node.string("queue")
            guard !queue.isEmpty, queue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw node.error("queue", "'\(queue)' is not a CUPS queue name (letters, digits, - and _)")
            }
            return .cups(queue: queue)
        }
    }

    static func readCapabilities(_ node: ProfileNode, role: DeviceRole) throws(ProfileError) -> DeviceCapabilities {
        switch role {
        case .idCardReader:
            try node.rejectUnknownKeys(["pollInterval", "fingerprints", "appendedAddress"])
            let interval = try node.optionalDuration("pollInterval") ?? .milliseconds(200)
            guard interval >= .milliseconds(20), interval <= .milliseconds(1000) else {
                throw node.error("pollInterval", "must be between 20ms and 1s (200ms or less notices a card fast)")
            }
            return .idCardReader(
                IDCardReaderCapabilities(
                    pollInterval: interval, readsFingerprints: try node.bool("fingerprints", default: false),
                    readsAppendedAddress: try node.bool("appendedAddress", default: true)))
        case .receiptPrinter:
            try node.rejectUnknownKeys([
                "paperWidth", "dotsPerLine", "columns", "encoding", "chineseMode", "nativeQR", "cutter", "feedLinesBeforeCut",
                "realTimeStatus", "transmitStatus",
            ])
            let width = try node.int("paperWidth", in: 40...120)
            let dots = try node.int("dotsPerLine", in: 128...1024)
            let columns = try node.int("columns", in: 16...80)
            guard columns * 12 <= dots else {
                throw node.error("columns", "\(columns) Font A columns of 12 dots need \(columns * 12) dots, more than dotsPerLine \(dots)")
            }
            let encoding = try node.string("encoding").lowercased()
            guard ["gb18030", "gbk", "ascii"].contains(encoding) else {
                throw node.error("encoding", "'\(encoding)' is not supported (gb18030, gbk or ascii)")
            }
            return .receiptPrinter(
                ReceiptPrinterCapabilities(
                    paperWidthMillimetres: width, dotsPerLine: dots, columns: columns, encoding: encoding,
                    hasChineseMode: try node.bool("chineseMode", default: true), hasNativeQR: try node.bool("nativeQR", default: true),
                    cutter: try node.choice("cutter", as: ReceiptPrinterCapabilities.Cutter.self),
                    feedLinesBeforeCut: try node.optionalInt("feedLinesBeforeCut", in: 0...20) ?? 4,
                    hasRealTimeStatus: try node.bool("realTimeStatus", default: true),
                    hasTransmitStatus: try node.bool("transmitStatus", default: true)))
        case .certificatePrinter:
            try node.rejectUnknownKeys(["media", "duplex"])
            return .certificatePrinter(
                CertificatePrinterCapabilities(
                    media: try node.optionalString("media") ?? "iso_a4_210x297mm", isDuplex: try node.bool("duplex", default: false)))
        case .billValidator:
            try node.rejectUnknownKeys(["sspAddress", "currency", "acceptedNotes", "protocolVersion", "escrowTimeout"])
            let currency = try node.string("currency")
            guard currency.count == 3, currency.allSatisfy({ $0.isUppercase && $0.isLetter }) else {
                throw node.error("currency", "'\(currency)' is not a three-letter currency code such as CNY")
            }
            var notes: [Money] = []
            for text in try node.strings("acceptedNotes") {
                guard let money = Money(yuanText: text), money > .zero else {
                    throw node.error("acceptedNotes", "'\(text)' is not a banknote value in yuan")
                }
                notes.append(money)
            }
            guard !notes.isEmpty else { throw node.error("acceptedNotes", "list at least one accepted banknote") }
            return .billValidator(
                BillValidatorCapabilities(
                    sspAddress: try node.optionalInt("sspAddress", in: 0...0x7D) ?? 0, currency: currency, acceptedNotes: notes,
                    protocolVersion: try node.optionalInt("protocolVersion", in: 1...20) ?? 6,
                    escrowTimeout: try node.optionalDuration("escrowTimeout") ?? .seconds(10)))
        case .paymentCodeScanner:
            try node.rejectUnknownKeys(["interCharacterTimeout"])
            return .paymentCodeScanner(
                PaymentCodeScannerCapabilities(interCharacterTimeout: try node.optionalDuration("interCharacterTimeout") ?? .milliseconds(100)))
        }
    }
}
