import DeviceKit
import KioskCore

/// A condition that stops the validator taking money, with what a technician must do and what
/// a citizen is told. Fault events per research B.7/B.9; remediation after XFS4IoT's actions.
public enum ValidatorFault: Hashable, Sendable, CustomStringConvertible {
    /// No valid reply (power, cable, address, baud rate).
    case noReply(String)
    /// The port is gone (USB cable out) or cannot be opened.
    case disconnected(String)
    /// A note jammed (`safe`: beyond the citizen's reach).
    case jam(safe: Bool)
    /// The cash box is full.
    case stackerFull
    /// The cash box was taken out.
    case cashboxRemoved
    /// The validator reported an attempt to cheat it.
    case fraudAttempt
    /// The note path is open (NV200).
    case notePathOpen
    /// ENABLE was refused (COMMAND CANNOT BE PROCESSED: usually a jam).
    case cannotEnable
    /// The validator or its dataset does not fit the kiosk (currency, protocol version, unit type).
    case configuration(String)
    /// The cash-in ledger could not be written: no money may be moved.
    case ledgerUnwritable(String)
    /// The validator answered something the protocol does not allow.
    case protocolViolation(String)

    /// The availability this fault implies.
    public var availability: DeviceAvailability {
        switch self {
        case .noReply: .offline
        case .disconnected: .powerOff
        case .jam, .cannotEnable, .ledgerUnwritable, .protocolViolation: .hardwareError
        case .stackerFull, .cashboxRemoved, .notePathOpen: .userError
        case .fraudAttempt: .fraudAttempt
        case .configuration: .hardwareError
        }
    }

    /// The fault for the device status.
    public var deviceFault: DeviceFault {
        let unavailable = LocalizedText(zh: "现金支付暂停使用，请使用扫码支付", en: "Cash payment is unavailable. Please pay with a payment code.")
        switch self {
        case .noReply(let detail):
            return DeviceFault(
                code: "no-reply", summary: detail,
                remediation: Remediation(.reset, "check the validator's power and its serial/USB cable; it must be at SSP address 0, 9600 baud"),
                citizenNotice: unavailable)
        case .disconnected(let detail):
            return DeviceFault(
                code: "disconnected", summary: detail, remediation: Remediation(.reset, "reconnect the validator's USB cable and power"),
                citizenNotice: unavailable)
        case .jam(let safe):
            return DeviceFault(
                code: safe ? "safe-jam" : "unsafe-jam",
                summary: safe ? "a note is jammed inside the validator (beyond the citizen's reach)" : "a note is jammed where it can be pulled out",
                remediation: Remediation(.clear, "open the validator, remove the jammed note (record its value for the voucher), close it and power-cycle"),
                citizenNotice: unavailable)
        case .stackerFull:
            return DeviceFault(
                code: "stacker-full", summary: "the cash box is full", remediation: Remediation(.clear, "empty the cash box, put it back and reset the validator"),
                citizenNotice: unavailable)
        case .cashboxRemoved:
            return DeviceFault(
                code: "cashbox-removed", summary: "the cash box is out", remediation: Remediation(.clear, "put the cash box back in and lock it"),
                citizenNotice: unavailable)
        case .fraudAttempt:
            return DeviceFault(
                code: "fraud-attempt", summary: "the validator reported a fraud attempt (a note on a string, or a strimming attempt)",
                remediation: Remediation(.suspend, "cash taking is suspended: call maintenance to inspect the validator and the CCTV, then clear the fault"),
                citizenNotice: unavailable)
        case .notePathOpen:
            return DeviceFault(
                code: "note-path-open", summary: "the validator's note path is open", remediation: Remediation(.clear, "close the note path lid"),
                citizenNotice: unavailable)
        case .cannotEnable:
            return DeviceFault(
                code: "cannot-enable", summary: "the validator refused ENABLE (COMMAND CANNOT BE PROCESSED), usually because of a jam",
                remediation: Remediation(.clear, "check the note path for a jammed note, then power-cycle the validator"), citizenNotice: unavailable)
        case .configuration(let detail):
            return DeviceFault(
                code: "configuration", summary: detail, remediation: Remediation(.configuration, "load a CNY dataset or fix the device profile"),
                citizenNotice: unavailable)
        case .ledgerUnwritable(let detail):
            return DeviceFault(
                code: "ledger-unwritable", summary: "the cash-in ledger cannot be written: \(detail)",
                remediation: Remediation(.maintenance, "free disk space or fix the database file's permissions, then restart onetripd"),
                citizenNotice: unavailable)
        case .protocolViolation(let detail):
            return DeviceFault(
                code: "protocol", summary: detail, remediation: Remediation(.maintenance, "check the validator's firmware and the profile's protocol version"),
                citizenNotice: unavailable)
        }
    }

    /// What a citizen in the middle of paying is told.
    public var paymentFailureNotice: LocalizedText {
        switch self {
        case .jam: LocalizedText(zh: "纸币卡住，现金支付已停止", en: "A banknote is jammed. Cash payment has stopped")
        case .stackerFull: LocalizedText(zh: "钱箱已满，现金支付已停止", en: "The cash box is full. Cash payment has stopped")
        case .cashboxRemoved: LocalizedText(zh: "钱箱被取出，现金支付已停止", en: "The cash box was removed. Cash payment has stopped")
        case .fraudAttempt: LocalizedText(zh: "纸币识别器检测到异常，现金支付已停止", en: "The banknote acceptor detected a problem. Cash payment has stopped")
        default: LocalizedText(zh: "纸币识别器故障，现金支付已停止", en: "The banknote acceptor failed. Cash payment has stopped")
        }
    }

    public var description: String { self.deviceFault.description }

    /// The fault's kind, ignoring its detail (one fault of each kind at a time).
    var kind: String { self.deviceFault.code }
}

extension ValidatorFault: Error {}
