import DeviceKit
import KioskCore

extension ReceiptPrinterStatus {
    /// The faults behind this status, each with what a technician must do and what a citizen is
    /// told. Paper near end is not a fault (printing works); it shows in the details.
    /// - Parameter paperWidth: the roll width in millimetres, for the instruction.
    public func faults(paperWidth: Int) -> [DeviceFault] {
        var faults: [DeviceFault] = []
        if self.paper == .out {
            faults.append(
                DeviceFault(
                    code: "paper-out", summary: "the receipt printer is out of paper",
                    remediation: Remediation(.clear, "load a new \(paperWidth) mm thermal paper roll (print side facing the head) and close the cover"),
                    citizenNotice: LocalizedText(zh: "凭条打印机缺纸", en: "Receipt printer out of paper")))
        }
        if self.isCoverOpen {
            faults.append(
                DeviceFault(
                    code: "cover-open", summary: "the receipt printer cover is open",
                    remediation: Remediation(.clear, "close the printer cover until it clicks (check the paper is seated under the head)"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable")))
        }
        if self.hasCutterError {
            faults.append(
                DeviceFault(
                    code: "cutter-error", summary: "the receipt printer's auto-cutter failed (usually a paper jam at the blade)",
                    remediation: Remediation(.clear, "open the cover, remove the jammed paper at the cutter, close the cover; if it repeats, replace the cutter"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable")))
        }
        if self.hasUnrecoverableError {
            faults.append(
                DeviceFault(
                    code: "unrecoverable-error", summary: "the receipt printer reports an unrecoverable error",
                    remediation: Remediation(.reset, "switch the printer off and on; if the error remains, call maintenance"),
                    citizenNotice: LocalizedText(zh: "凭条打印机故障", en: "Receipt printer out of order")))
        }
        if self.hasMechanicalError {
            faults.append(
                DeviceFault(
                    code: "mechanical-error", summary: "the receipt printer reports a mechanical error",
                    remediation: Remediation(.clear, "open the cover, check for jammed paper or a foreign object, close the cover"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable")))
        }
        if self.hasAutoRecoverableError {
            faults.append(
                DeviceFault(
                    code: "auto-recoverable-error", summary: "the receipt printer paused itself (print head too hot or similar)",
                    remediation: Remediation(.none, "wait: the printer resumes by itself once the head has cooled"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用，请稍候", en: "Receipt printer busy, please wait")))
        }
        if faults.isEmpty, !self.isOnline {
            faults.append(
                DeviceFault(
                    code: "offline", summary: "the receipt printer is offline\(self.isFeedingByButton ? " (paper being fed with the FEED button)" : "")",
                    remediation: Remediation(.clear, "release the FEED button and check the printer's panel lights"),
                    citizenNotice: LocalizedText(zh: "凭条打印机暂不可用", en: "Receipt printer unavailable")))
        }
        return faults
    }

    /// The availability this status amounts to (XFS4IoT-style: a person can clear paper and
    /// cover faults; cutter jams and unrecoverable errors need hands-on repair).
    public var availability: DeviceAvailability {
        if self.hasUnrecoverableError || self.hasCutterError || self.hasMechanicalError { return .hardwareError }
        if self.paper == .out || self.isCoverOpen { return .userError }
        if self.hasAutoRecoverableError || !self.isOnline { return .offline }
        return .online
    }

    /// The device status a driver publishes for this printer status.
    public func deviceStatus(deviceID: String, model: String?, paperWidth: Int) -> DeviceStatus {
        DeviceStatus(
            role: .receiptPrinter, deviceID: deviceID, model: model, availability: self.availability, faults: self.faults(paperWidth: paperWidth),
            details: ["paper": self.paper.rawValue, "status": self.description])
    }
}
