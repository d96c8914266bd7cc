import CashModule
import CertificatePrinter
import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import ReceiptPrinter

/// Each driver's checks for `onetrip diag`'s own drivers: build the driver from the target's
/// profile, hand it to the driver's diagnostics.
extension LocalDrivers {
    func idCardReaderChecks(_ environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        if let problem = self.problem(.idCardReader) { return problem }
        guard let target = self.target(.idCardReader, in: environment) else { return [] }
        guard let path = target.path else { return [self.noPath(.idCardReader, target)] }
        let reader = IDCardReaderDriver(configuration: CardReaderConfiguration(profile: target.profile, devicePath: path), logger: self.settings.logger)
        return IDCardReaderDiagnostics(reader: reader, loop: self.loop("ID card reader") { await reader.run() }).checks
    }

    func receiptPrinterChecks(_ environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        if let problem = self.problem(.receiptPrinter) { return problem }
        guard let target = self.target(.receiptPrinter, in: environment) else { return [] }
        guard let address = target.path ?? target.host else { return [self.noPath(.receiptPrinter, target)] }
        do {
            var configuration = try ReceiptPrinterConfiguration(profile: target.profile, address: address)
            if let host = target.host, let port = target.tcpPort { configuration.endpoint = .tcp(host: host, port: port) }
            let printer = ReceiptPrinterDriver(configuration: configuration, logger: self.settings.logger)
            return ReceiptPrinterDiagnostics(printer: printer, kioskID: self.settings.kioskID, timeZone: self.settings.timeZone).checks
        } catch {
            return [DriverSetupCheck.failed(role: .receiptPrinter, summary: "\(error)", instruction: "give the receipt printer a receipt-printer profile in onetrip.toml")]
        }
    }

    func certificatePrinterChecks(_ environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        if let problem = self.problem(.certificatePrinter) { return problem }
        guard let target = self.target(.certificatePrinter, in: environment) else { return [] }
        guard let queue = target.cupsQueue else {
            return [DriverSetupCheck.failed(role: .certificatePrinter, summary: "\(target) names no CUPS queue", instruction: "set queue under [devices.certificate_printer] in onetrip.toml")]
        }
        let profile = target.profile
        let configuration = CertificatePrinterConfiguration(
            server: target.cupsServer ?? CUPSConnection.defaultServer, queue: queue, jobTimeout: profile.timeout("job", default: .seconds(120)),
            pollInterval: profile.timeout("jobPoll", default: .milliseconds(50)), model: profile.model)
        do {
            // Test pages never touch the print journal; without the kiosk's database, a throwaway one serves.
            let journal = try self.settings.databasePath ?? self.scratchDirectory().appendingPathComponent("print.sqlite").path
            // The test page is not signed: a throwaway key satisfies the driver, which signs proofs only.
            let printer = try CertificatePrinterDriver(
                configuration: configuration, journalPath: journal, issuingKey: IssuingKey(), kioskID: self.settings.kioskID,
                issuingOffice: self.settings.office)
            return CertificatePrinterDiagnostics(printer: printer).checks
        } catch {
            return [
                DriverSetupCheck.failed(
                    role: .certificatePrinter, summary: "the certificate printer driver cannot start: \(error)",
                    instruction: "install the proof font (fonts-noto-cjk) and check the database file's permissions")
            ]
        }
    }

    func billValidatorChecks(_ environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        if let problem = self.problem(.billValidator) { return problem }
        guard let target = self.target(.billValidator, in: environment) else { return [] }
        guard let path = target.path else { return [self.noPath(.billValidator, target)] }
        guard let database = self.settings.databasePath else {
            return [
                DriverSetupCheck(
                    role: .billValidator,
                    result: .skipped(
                        "the validator's checks record test cash-ins in the kiosk's cash-in ledger: pass --config /etc/onetrip/onetrip.toml or --database FILE"
                    ))
            ]
        }
        do {
            let configuration = try BillValidatorConfiguration(profile: target.profile, devicePath: path)
            let validator = try BillValidatorDriver(configuration: configuration, ledgerPath: database, logger: self.settings.logger)
            return BillValidatorDiagnostics(validator: validator, loop: self.loop("bill validator") { await validator.run() }).checks
        } catch {
            return [
                DriverSetupCheck.failed(
                    role: .billValidator, summary: "the validator driver cannot start: \(error)",
                    instruction: "check the profile in onetrip.toml and that \(database) is the kiosk's database and writable")
            ]
        }
    }

    func paymentCodeScannerChecks(_ environment: DiagnosticEnvironment) -> [any DiagnosticCheck] {
        if let problem = self.problem(.paymentCodeScanner) { return problem }
        guard let target = self.target(.paymentCodeScanner, in: environment) else { return [] }
        guard let path = target.path else { return [self.noPath(.paymentCodeScanner, target)] }
        let scanner = PaymentCodeScannerDriver(profile: target.profile, devicePath: path, logger: self.settings.logger)
        return PaymentCodeScannerDiagnostics(scanner: scanner, loop: self.loop("payment-code scanner") { await scanner.run() }).checks
    }

    private func noPath(_ role: DeviceRole, _ target: DeviceTarget) -> any DiagnosticCheck {
        DriverSetupCheck.failed(role: role, summary: "\(target) has no device path", instruction: "set path under [devices] for the \(role.name.en.lowercased()) in onetrip.toml")
    }
}
