import DeviceKit

/// The diagnostic checks `onetrip diag` offers: the standard ones (profiles, presence, device
/// node access) and each driver's, on the drivers the run opens itself.
enum KioskDiagnostics {
    /// Each driver's checks: a driver adds ONE line here.
    static func drivers(_ local: LocalDrivers) -> [(name: String, make: DiagnosticCatalogue.Factory)] {
        [
            ("ID card reader", { local.idCardReaderChecks($0) }),
            ("receipt printer", { local.receiptPrinterChecks($0) }),
            ("certificate printer", { local.certificatePrinterChecks($0) }),
            ("bill validator", { local.billValidatorChecks($0) }),
            ("payment-code scanner", { local.paymentCodeScannerChecks($0) }),
        ]
    }

    /// The standard checks plus every driver's.
    static func catalogue(_ local: LocalDrivers) -> DiagnosticCatalogue {
        var catalogue = DiagnosticCatalogue.standard
        for driver in self.drivers(local) { catalogue.register(driver.name, driver.make) }
        return catalogue
    }
}
