import Foundation
import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// Can the kiosk open the role's device node? Internal: opens it (a serial port set to the
/// profile's baud rate) and closes it again, sending nothing. Catches missing permissions (udev
/// rules not installed), another program holding the port (its exclusive lock makes the open
/// fail with `EBUSY`) and a node that vanished. The check takes no lock itself: it only probes.
public struct DeviceNodeAccessCheck: DiagnosticCheck {
    /// The role checked.
    public var checkedRole: DeviceRole
    /// The device node.
    public var path: String
    /// The device's profile (baud rate, transport).
    public var profile: DeviceProfile

    /// Creates the check for a discovered device, or `nil` when it is not reached through a device node.
    public init?(role: DeviceRole, holder: RoleAssignment.Holder) {
        guard let node = holder.device.deviceNode else { return nil }
        self.init(role: role, path: node, profile: holder.match.profile)
    }

    /// Creates the check for a configured or discovered device, or `nil` when it is not reached
    /// through a device node (network, CUPS).
    public init?(role: DeviceRole, target: DeviceTarget) {
        guard let path = target.path else { return nil }
        self.init(role: role, path: path, profile: target.profile)
    }

    private init?(role: DeviceRole, path: String, profile: DeviceProfile) {
        switch profile.transport {
        case .serial, .usbPrinter: break
        case .tcp, .cups: return nil
        }
        self.checkedRole = role
        self.path = path
        self.profile = profile
    }

    public var role: DeviceRole? { self.checkedRole }
    public var level: DiagnosticLevel { .internal }
    public var name: String { "device node opens" }

    public func run(in context: DiagnosticContext) async -> DiagnosticResult {
        let path = self.path
        switch self.profile.transport {
        case .serial(let baudRate):
            do {
                let connection = try SerialPort.open(path: path, baudRate: baudRate, exclusive: false)
                let actual = connection.currentBaudRate
                connection.close()
                return .passed("\(path) opens at \(baudRate) baud", details: ["node": path, "baud": "\(actual)"])
            } catch {
                return self.failure(error, path: path)
            }
        case .usbPrinter:
            let descriptor = Glibc.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else {
                let code = errno
                return self.failure(code == EBUSY ? .busy(path: path) : .openFailed(path: path, errno: code), path: path)
            }
            Glibc.close(descriptor)
            return .passed("\(path) opens for printing", details: ["node": path])
        case .tcp, .cups:
            return .skipped("not reached through a device node")
        }
    }

    /// Maps an open error to what a technician sees and does.
    func failure(_ error: TransportError, path: String) -> DiagnosticResult {
        let role = self.checkedRole
        let deviceName = role.phrase
        let availability: DeviceAvailability
        let code: String
        let remediation: Remediation
        switch error {
        case .busy:
            availability = .busy
            code = "node-busy"
            remediation = Remediation(
                .configuration, "another program holds \(path): if onetripd is running, run diagnostics through it; otherwise stop the other program")
        case .openFailed(_, let number) where number == EACCES || number == EPERM:
            availability = .offline
            code = "node-permission-denied"
            remediation = Remediation(
                .configuration,
                "give the kiosk user access: onetrip devices udev-rules --user onetrip --output /etc/udev/rules.d/70-onetrip.rules, then udevadm control --reload && udevadm trigger"
            )
        case .openFailed(_, let number) where number == ENOENT || number == ENODEV || number == ENXIO:
            availability = .powerOff
            code = "node-missing"
            remediation = Remediation(.reset, "\(path) vanished: unplug the \(deviceName), wait five seconds, plug it in again")
        case .configurationFailed:
            availability = .hardwareError
            code = "node-settings-refused"
            remediation = Remediation(.configuration, "the port refused the profile's settings: check \(self.profile.file) is the right model")
        default:
            availability = .hardwareError
            code = "node-open-failed"
            remediation = Remediation(.reset, "power-cycle the \(deviceName); if it persists, try another USB socket or cable")
        }
        return .failed(
            error.description, availability: availability,
            faults: [.make(code: code, role: role, summary: error.description, remediation: remediation)])
    }
}
