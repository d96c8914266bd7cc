/// The jobs a kiosk's devices do. A service names the roles it needs; the device registry
/// reports, per role, whether a working device fills it.
public enum DeviceRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// The second-generation ID card reader (SAM module).
    case idCardReader
    /// The ESC/POS thermal receipt printer.
    case receiptPrinter
    /// The A4 printer for proofs, behind CUPS.
    case certificatePrinter
    /// The banknote validator (SSP).
    case billValidator
    /// The barcode scanner that reads payment codes from phones.
    case paymentCodeScanner

    /// The device's name for citizens and technicians.
    public var name: LocalizedText {
        switch self {
        case .idCardReader: LocalizedText(zh: "身份证阅读器", en: "ID card reader")
        case .receiptPrinter: LocalizedText(zh: "凭条打印机", en: "Receipt printer")
        case .certificatePrinter: LocalizedText(zh: "证明打印机", en: "Document printer")
        case .billValidator: LocalizedText(zh: "纸币识别器", en: "Banknote acceptor")
        case .paymentCodeScanner: LocalizedText(zh: "付款码扫描器", en: "Payment code scanner")
        }
    }
}

/// Whether a device role can be used by citizens right now, as the session sees it.
///
/// Drivers report a richer status (see DeviceKit's `DeviceStatus`); the session needs only this,
/// plus a sentence for a citizen when it cannot be used.
public enum DeviceUsability: Hashable, Sendable, Codable {
    /// A working device fills the role.
    case usable
    /// No working device; the text tells a citizen what that means ("打印机缺纸" / "Printer out of paper").
    case unusable(LocalizedText)

    /// Whether the role can be used.
    public var isUsable: Bool { self == .usable }
}
