import CashModule
import CertificatePrinter
import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import Logging
import OneTripConfiguration
import PaymentGatewayClient
import ReceiptPrinter

/// The kiosk's device drivers, built from `[devices.*]` in the configuration and the matching
/// device profiles. A role without configuration has no driver; the health board reports it as
/// "no device" and the session hides the services that need it.
public struct KioskDevices: Sendable {
    /// The ID card reader.
    public var idCardReader: IDCardReaderDriver?
    /// The ESC/POS receipt printer.
    public var receiptPrinter: ReceiptPrinterDriver?
    /// The A4 printer behind CUPS.
    public var certificatePrinter: CertificatePrinterDriver?
    /// The banknote validator.
    public var billValidator: BillValidatorDriver?
    /// The payment-code scanner.
    public var scanner: PaymentCodeScannerDriver?
    /// The payment-code terminal (scanner + provider).
    public var paymentTerminal: PaymentCodeTerminal?
    /// The notes the validator accepts, for the payment screen.
    public var acceptedBanknotes: [Money]

    init(configuration: KioskConfiguration, profiles: DeviceProfileLibrary, logger: Logger) async throws {
        let devices = configuration.devices
        let database = configuration.kiosk.databasePath
        func profile(_ role: DeviceRole) throws -> (DeviceProfile, DeviceSettings)? {
            guard let settings = devices[role] else { return nil }
            guard let profile = profiles[settings.profile] else {
                throw DaemonError(
                    "devices.\(Self.table(role)).profile \"\(settings.profile)\" is not a valid profile in \(configuration.kiosk.profilesDirectory) (run onetrip profiles check)")
            }
            guard profile.role == role else {
                throw DaemonError("devices.\(Self.table(role)).profile \"\(settings.profile)\" is a \(profile.role.rawValue) profile")
            }
            return (profile, settings)
        }
        func address(_ role: DeviceRole, _ settings: DeviceSettings) throws -> String {
            guard let address = settings.path ?? settings.host else {
                throw DaemonError("devices.\(Self.table(role)) needs path (serial/USB) or host (network)")
            }
            return address
        }

        if let (profile, settings) = try profile(.idCardReader) {
            self.idCardReader = IDCardReaderDriver(
                configuration: CardReaderConfiguration(profile: profile, devicePath: try address(.idCardReader, settings)),
                logger: logger)
        }
        if let (profile, settings) = try profile(.receiptPrinter) {
            self.receiptPrinter = ReceiptPrinterDriver(
                configuration: try ReceiptPrinterConfiguration(profile: profile, address: try address(.receiptPrinter, settings)),
                logger: logger)
        }
        if let (profile, settings) = try profile(.certificatePrinter) {
            guard case .cups(let profileQueue) = profile.transport else { throw DaemonError("the certificate printer profile must use CUPS") }
            let server = settings.cupsServer ?? "/run/cups/cups.sock"
            let key = try IssuingKey.loadOrCreate(path: "\(configuration.kiosk.dataDirectory)/issuing.key")
            let driver = try CertificatePrinterDriver(
                configuration: CertificatePrinterConfiguration(
                    server: server, queue: settings.queue ?? profileQueue, jobTimeout: configuration.session.timeouts.printing,
                    model: profile.model),
                journalPath: database, issuingKey: key, kioskID: configuration.kiosk.id, issuingOffice: configuration.kiosk.office)
            self.certificatePrinter = driver
        }
        var banknotes: [Money] = []
        if let (profile, settings) = try profile(.billValidator) {
            let validatorConfiguration = try BillValidatorConfiguration(profile: profile, devicePath: try address(.billValidator, settings))
            banknotes = validatorConfiguration.acceptedNotes
            self.billValidator = try BillValidatorDriver(configuration: validatorConfiguration, ledgerPath: database, logger: logger)
        }
        self.acceptedBanknotes = banknotes
        if let (profile, settings) = try profile(.paymentCodeScanner) {
            self.scanner = PaymentCodeScannerDriver(profile: profile, devicePath: try address(.paymentCodeScanner, settings), logger: logger)
            guard let url = configuration.payment.providerURL.flatMap(URL.init(string:)) else {
                throw DaemonError("payment.provider_url is required when a payment-code scanner is configured")
            }
            let merchantKey = try configuration.payment.keyFile.map { path in
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw DaemonError("cannot read payment.key_file \(path)") }
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? ""
            let provider = HTTPPaymentProvider(baseURL: url, merchantKey: merchantKey, terminalID: configuration.kiosk.id)
            self.paymentTerminal = try PaymentCodeTerminal(provider: provider, ledgerPath: database, logger: logger)
        }
    }

    static func table(_ role: DeviceRole) -> String {
        switch role {
        case .idCardReader: "id_card_reader"
        case .receiptPrinter: "receipt_printer"
        case .certificatePrinter: "certificate_printer"
        case .billValidator: "bill_validator"
        case .paymentCodeScanner: "payment_code_scanner"
        }
    }
}
