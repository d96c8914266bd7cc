import CashModule
import CertificatePrinter
import DeviceKit
import Foundation
import IDCardReader
import Journal
import KioskCore
import Logging
import OneTripConfiguration
import ReceiptPrinter
import Records
import RecordsGateway
import UploadContract
import Uplink

/// Everything `onetripd` runs, built from a validated ``KioskConfiguration``: the journal, the
/// device drivers, the payment router, the session runner, the screen socket and the uploader.
///
/// Building checks everything a technician could have got wrong (profiles, keys, the journal's
/// integrity, the seeds) and fails with a sentence saying what; running is
/// ``KioskAssembly/services()`` in a swift-service-lifecycle `ServiceGroup`.
public final class KioskAssembly: Sendable {
    /// The configuration.
    public let configuration: KioskConfiguration
    /// The journal (session records and upload outbox).
    public let journal: Journal
    /// Device health and statistics.
    public let board: DeviceHealthBoard
    /// The session runner.
    public let runner: SessionRunner
    /// The screen socket.
    public let screenServer: ScreenServer
    /// Keyed hashes of ID numbers.
    public let citizenKeyer: CitizenKeyer
    /// The drivers present on this kiosk.
    public let devices: KioskDevices
    /// The payment router.
    public let payments: KioskPayments
    /// The uploader, when a back office is configured.
    public let uploader: Uploader?
    /// The HTTP records provider, when `records.provider = "gateway"`.
    public let recordsGateway: HTTPRecordsGateway?
    /// The device profiles loaded at start.
    public let profiles: DeviceProfileLibrary
    /// The service catalogue.
    public let catalogue: ServiceCatalogue
    /// When the assembly finished.
    public let startedAt: Date
    /// How often the receipt printer's real-time status is read between jobs.
    public let receiptStatusInterval: Duration = .seconds(5)
    let logger: Logger

    /// Builds everything; nothing runs yet.
    /// - Throws: ``DaemonError`` (or a component's typed error) naming what is wrong.
    public init(configuration: KioskConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        self.logger = logger
        let kiosk = configuration.kiosk
        do {
            try FileManager.default.createDirectory(atPath: kiosk.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw DaemonError("cannot create the data directory \(kiosk.dataDirectory): \(error.localizedDescription)")
        }
        let seeds = URL(fileURLWithPath: kiosk.seedsDirectory)
        do {
            self.catalogue = try ServiceCatalogue(jsonData: Data(contentsOf: seeds.appendingPathComponent("services.json")))
        } catch {
            throw DaemonError("cannot load the service catalogue from \(seeds.path)/services.json: \(error)")
        }

        // The journal first: a corrupt file stops the kiosk before any money can move.
        self.journal = try await Journal.open(
            path: kiosk.databasePath,
            configuration: JournalConfiguration(
                kioskID: kiosk.id, retention: configuration.privacy.retention,
                timeZone: TimeZone(identifier: kiosk.timeZone) ?? .current))
        try await InterruptedVisits.close(in: self.journal, logger: logger)
        self.citizenKeyer = try CitizenKeyer(secret: SecretFile.loadOrCreate(path: configuration.privacy.citizenKeyFile))
        self.board = DeviceHealthBoard(statistics: try DeviceStatisticsStore(path: kiosk.databasePath), logger: logger)

        let profiles = DeviceProfileLibrary.load(directory: URL(fileURLWithPath: kiosk.profilesDirectory))
        for error in profiles.errors { logger.error("device profile refused", metadata: ["error": "\(error)"]) }
        self.profiles = profiles
        self.devices = try await KioskDevices(configuration: configuration, profiles: profiles, logger: logger)

        let catalogue = self.catalogue
        self.payments = KioskPayments(validator: self.devices.billValidator, terminal: self.devices.paymentTerminal) { code in
            catalogue[code]?.name.zh ?? code.rawValue
        }

        self.uploader = try Self.makeUploader(configuration: configuration, journal: self.journal, logger: logger)
        self.screenServer = try ScreenServer(path: configuration.sockets.screen, group: configuration.sockets.group, logger: logger)
        guard let calendar = KioskCalendar(timeZoneIdentifier: kiosk.timeZone) else {
            throw DaemonError("kiosk.time_zone \(kiosk.timeZone) is not a time zone")
        }
        let firstSessionNumber = try await self.journal.highestSessionNumber() + 1

        // Last of what can fail: an HTTP client must be shut down, never just dropped.
        let records: any RecordsProvider
        switch configuration.records.provider {
        case .embedded:
            records = try EmbeddedRecordsProvider(seedsDirectory: seeds)
            self.recordsGateway = nil
        case .gateway:
            let gateway: HTTPRecordsGateway
            do {
                gateway = try HTTPRecordsGateway(configuration: RecordsGatewayConfiguration(configuration: configuration), logger: logger)
            } catch {
                throw DaemonError("records gateway: \(error)")
            }
            records = gateway
            self.recordsGateway = gateway
        }

        let sessionConfiguration = SessionConfiguration(
            kioskID: kiosk.id, catalogue: self.catalogue, isOneSwipe: kiosk.isOneSwipe, timeouts: configuration.session.timeouts,
            overpayment: configuration.session.overpayment,
            firstSessionNumber: firstSessionNumber,
            acceptedBanknotes: self.devices.acceptedBanknotes)
        let session = KioskSession(configuration: sessionConfiguration, usability: await self.board.usabilities)
        let uploader = self.uploader
        let ports = SessionPorts(
            screen: self.screenServer,
            voice: SpeechPrompter(executable: nil, logger: logger),
            records: records,
            payment: PaymentPort(payments: self.payments),
            certificates: self.devices.certificatePrinter.map { CertificatePrinterPort(driver: $0) as any CertificatePrinting }
                ?? UnavailableCertificatePrinter(),
            receipts: self.devices.receiptPrinter.map { ReceiptPrinterPort(driver: $0, kioskID: kiosk.id) as any ReceiptPrinting }
                ?? UnavailableReceiptPrinter(),
            journal: JournalPort(journal: self.journal) { uploader?.nudge() })
        self.runner = SessionRunner(session: session, ports: ports, calendar: calendar, logger: logger)
        self.startedAt = Date()
    }

    /// Releases what outlives the service group (the uploader's and the records gateway's HTTP clients).
    public func shutdown() async {
        try? await self.uploader?.shutdown()
        try? await self.recordsGateway?.shutdown()
    }

    private static func makeUploader(configuration: KioskConfiguration, journal: Journal, logger: Logger) throws -> Uploader? {
        guard let url = configuration.uplink.url else { return nil }
        guard let base = URL(string: url) else { throw DaemonError("uplink.url \(url) is not a URL") }
        guard let keyFile = configuration.uplink.keyFile, let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
            throw DaemonError("cannot read uplink.key_file \(configuration.uplink.keyFile ?? "(unset)")")
        }
        let key = try KioskKey(hex: text)
        return try Uploader(
            journal: journal,
            configuration: UploaderConfiguration(
                backOffice: base, kioskID: configuration.kiosk.id, key: key, trustedCertificatesPath: configuration.uplink.caFile,
                maxBatchRecords: configuration.uplink.batchSize),
            logger: logger)
    }
}

/// Stands in for a certificate printer the kiosk does not have: every job fails at once (the
/// session never offers proofs then, as the role is unusable).
struct UnavailableCertificatePrinter: CertificatePrinting {
    func print(_ job: CertificateJob, progress: @escaping @Sendable (Int, Int) -> Void) async -> Result<Void, PrintFailure> {
        .failure(PrintFailure(detail: "no certificate printer is configured"))
    }
    func cancel(_ transaction: TransactionID) async {}
}

/// Stands in for a receipt printer the kiosk does not have.
struct UnavailableReceiptPrinter: ReceiptPrinting {
    func print(_ job: ReceiptJob) async -> Result<Void, PrintFailure> {
        .failure(PrintFailure(detail: "no receipt printer is configured"))
    }
}
