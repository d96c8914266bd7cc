import CashModule
import CertificatePrinter
import DeviceKit
import Foundation
import IDCardReader
import KioskCore
import OneTripConfiguration
import ReceiptPrinter

/// The diagnostic checks the daemon runs for `onetrip diag`: the kiosk catalogue over the
/// drivers it already runs (``DeviceKit/DriverLoop/alreadyRunning(_:)``: the daemon holds the
/// serial ports exclusively, so nobody else could open them), without the device node probe.
struct DaemonDiagnostics: Sendable {
    /// The running drivers.
    let devices: KioskDevices
    /// The loaded profiles.
    let profiles: DeviceProfileLibrary
    /// The devices the configuration names, by role.
    let targets: [DeviceRole: DeviceTarget]
    let kioskID: String
    let timeZone: TimeZone

    init(devices: KioskDevices, profiles: DeviceProfileLibrary, configuration: KioskConfiguration) {
        self.devices = devices
        self.profiles = profiles
        var targets: [DeviceRole: DeviceTarget] = [:]
        for (role, device) in configuration.devices {
            // KioskDevices refused to start with an unknown profile or one for another role.
            guard let profile = profiles[device.profile], profile.role == role else { continue }
            targets[role] = DeviceTarget(
                role: role, profile: profile, origin: .configured, path: device.path, host: device.host, port: device.port,
                cupsServer: device.cupsServer, queue: device.queue)
        }
        self.targets = targets
        self.kioskID = configuration.kiosk.id
        self.timeZone = TimeZone(identifier: configuration.kiosk.timeZone) ?? .current
    }

    /// The checks for a request's roles, given the drivers' latest statuses.
    func checks(roles: [DeviceRole], statuses: [DeviceRole: DeviceStatus]) -> [any DiagnosticCheck] {
        let environment = DiagnosticEnvironment(
            profiles: self.profiles, assignment: RoleAssignment(), roles: roles, statuses: statuses, configured: self.targets)
        let devices = self.devices
        let kioskID = self.kioskID
        let timeZone = self.timeZone
        let catalogue = DiagnosticCatalogue.kiosk(probingDeviceNodes: false) { role, environment in
            guard environment.roles.contains(role) else { return [] }
            return switch role {
            case .idCardReader: devices.idCardReader.map { IDCardReaderDiagnostics(reader: $0).checks } ?? []
            case .receiptPrinter: devices.receiptPrinter.map { ReceiptPrinterDiagnostics(printer: $0, kioskID: kioskID, timeZone: timeZone).checks } ?? []
            case .certificatePrinter: devices.certificatePrinter.map { CertificatePrinterDiagnostics(printer: $0).checks } ?? []
            case .billValidator: devices.billValidator.map { BillValidatorDiagnostics(validator: $0).checks } ?? []
            case .paymentCodeScanner: devices.scanner.map { PaymentCodeScannerDiagnostics(scanner: $0).checks } ?? []
            }
        }
        return catalogue.checks(for: environment)
    }
}
