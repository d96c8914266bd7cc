import DeviceKit
import KioskCore

#if canImport(Glibc)
import Glibc
#endif

extension CardReaderStateMachine {
    /// The reader's status with the given availability and faults, and its details for technicians.
    func status(_ availability: DeviceAvailability, faults: [DeviceFault] = []) -> DeviceStatus {
        var details = ["port": self.configuration.devicePath, "baud": String(self.configuration.baudRate)]
        if let samIdentifier { details["sam-id"] = samIdentifier.description }
        return DeviceStatus(
            role: .idCardReader, deviceID: self.configuration.devicePath, model: self.configuration.model,
            availability: availability, faults: faults, details: details)
    }

    /// The status when the port cannot be opened.
    func status(forOpenFailure error: TransportError) -> DeviceStatus {
        let path = self.configuration.devicePath
        switch error {
        case .busy:
            return self.status(
                .offline,
                faults: [
                    DeviceFault(
                        code: "port-busy", summary: error.description,
                        remediation: Remediation(.configuration, "stop the other program holding \(path) (or a second onetripd)"),
                        citizenNotice: Self.citizenNotice)
                ])
        case .openFailed(_, let code) where code == EACCES || code == EPERM:
            return self.status(
                .offline,
                faults: [
                    DeviceFault(
                        code: "port-permission", summary: error.description,
                        remediation: Remediation(.configuration, "give the kiosk user access to \(path) (dialout group or the udev rule)"),
                        citizenNotice: Self.citizenNotice)
                ])
        case .configurationFailed:
            return self.status(
                .offline,
                faults: [
                    DeviceFault(
                        code: "port-settings", summary: error.description,
                        remediation: Remediation(.configuration, "check the baud rate in the reader's device profile"),
                        citizenNotice: Self.citizenNotice)
                ])
        default:
            return self.status(
                .noDevice,
                faults: [
                    DeviceFault(
                        code: "port-missing", summary: error.description,
                        remediation: Remediation(
                            .configuration, "connect the reader (check its USB cable and power) or correct its path in onetrip.toml"),
                        citizenNotice: Self.citizenNotice)
                ])
        }
    }

    /// The status when the open port vanished.
    func status(forGone error: TransportError) -> DeviceStatus {
        self.status(
            .noDevice,
            faults: [
                DeviceFault(
                    code: "device-gone", summary: error.description,
                    remediation: Remediation(.clear, "reconnect the reader's USB cable and power; the driver reopens the port by itself"),
                    citizenNotice: Self.citizenNotice)
            ])
    }
}
