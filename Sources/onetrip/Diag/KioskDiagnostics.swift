import DeviceKit

/// The diagnostic checks `onetrip diag` offers: the standard ones (profiles, presence, device
/// node access) and each driver's.
enum KioskDiagnostics {
    /// Each driver's checks: a driver adds ONE line here.
    static let drivers: [(name: String, make: DiagnosticCatalogue.Factory)] = [
        // ("receipt printer", { ReceiptPrinterDiagnostics.checks(for: $0) }),
    ]

    /// The standard checks plus every driver's.
    static var catalogue: DiagnosticCatalogue {
        var catalogue = DiagnosticCatalogue.standard
        for driver in self.drivers { catalogue.register(driver.name, driver.make) }
        return catalogue
    }
}
