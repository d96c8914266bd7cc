import DeviceKit
import KioskCore

/// The certificate printer's faults and warnings by IPP keyword (suffix removed).
enum Fault {
    static let unavailable = LocalizedText(zh: "证明打印暂不可用", en: "Document printing is unavailable")

    static func make(
        _ availability: DeviceAvailability, _ code: String, _ summary: String, _ action: Remediation.Action, _ instruction: String,
        _ notice: LocalizedText
    ) -> (DeviceAvailability, DeviceFault) {
        (availability, DeviceFault(code: code, summary: summary, remediation: Remediation(action, instruction), citizenNotice: notice))
    }

    /// Keywords that stop printing, whatever their suffix.
    static let table: [String: (DeviceAvailability, DeviceFault)] = {
        let paperOut = make(
            .userError, "paper-out", "the printer is out of A4 paper", .clear, "load A4 paper into the printer's tray",
            LocalizedText(zh: "证明打印机缺纸", en: "The document printer is out of paper"))
        let door = make(
            .userError, "door-open", "a door or cover of the printer is open", .clear, "close the printer's doors and covers",
            unavailable)
        let tonerOut = make(
            .userError, "toner-empty", "the printer's toner is empty", .maintenance, "replace the toner cartridge", unavailable)
        var table: [String: (DeviceAvailability, DeviceFault)] = [
            "media-empty": paperOut, "media-needed": paperOut,
            "media-jam": make(
                .userError, "paper-jam", "paper is jammed in the printer", .clear,
                "open the printer, remove the jammed sheets, close it (a cancelled proof is never reprinted by itself)", unavailable),
            "door-open": door, "cover-open": door, "interlock-open": door,
            "toner-empty": tonerOut, "marker-supply-empty": tonerOut,
            "marker-waste-full": make(
                .userError, "waste-full", "the printer's waste toner container is full", .maintenance,
                "replace the waste toner container", unavailable),
            "input-tray-missing": make(
                .userError, "tray-missing", "the printer's paper tray is missing", .clear, "insert the paper tray", unavailable),
            "offline": make(
                .offline, "printer-offline", "the printer reports itself offline", .reset,
                "press the printer's online button, or power-cycle it", unavailable),
            "paused": make(.offline, "printer-paused", "the printer is paused", .reset, "resume the printer from its control panel", unavailable),
            "spool-area-full": make(
                .hardwareError, "printer-spool-full", "the printer's job memory is full", .reset, "power-cycle the printer", unavailable),
        ]
        table["moving-to-paused"] = table["paused"]
        return table
    }()

    /// Keywords that only warn: the printer still prints.
    static let warnings: [String: String] = [
        "media-low": "paper-low: A4 paper is running low; refill the tray soon",
        "toner-low": "toner-low: toner is running low; have a replacement cartridge ready",
        "marker-supply-low": "toner-low: toner is running low; have a replacement cartridge ready",
        "marker-waste-almost-full": "waste-almost-full: the waste toner container is almost full; replace it soon",
    ]

    /// Keywords that describe CUPS's or the backend's own progress, not a fault.
    static func ignored(_ keyword: String) -> Bool {
        keyword.hasPrefix("cups-") || ["none", "other", "connecting-to-device", "processing-to-stop-point", "identify-printer-requested"]
            .contains(keyword)
    }
}
