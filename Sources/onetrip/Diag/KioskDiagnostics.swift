import DeviceKit
import KioskCore

/// The diagnostic checks `onetrip diag` offers: the standard ones (profiles, presence, device
/// node access) and each driver's, on the drivers the run opens itself.
enum KioskDiagnostics {
    /// The standard checks plus every driver's (the daemon builds the same catalogue over its
    /// running drivers, without the device node probe).
    static func catalogue(_ local: LocalDrivers) -> DiagnosticCatalogue {
        .kiosk(probingDeviceNodes: true) { role, environment in
            switch role {
            case .idCardReader: local.idCardReaderChecks(environment)
            case .receiptPrinter: local.receiptPrinterChecks(environment)
            case .certificatePrinter: local.certificatePrinterChecks(environment)
            case .billValidator: local.billValidatorChecks(environment)
            case .paymentCodeScanner: local.paymentCodeScannerChecks(environment)
            }
        }
    }
}
