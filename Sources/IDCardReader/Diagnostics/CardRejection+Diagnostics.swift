import DeviceKit
import KioskCore

extension CardRejection {
    /// What a refused test card means for a technician. The driver refuses cards to citizens
    /// with ``KioskCore/CardRejection/reason``; a technician's test card being refused needs the
    /// next step spelled out, which the driver has no wording for.
    var testCardFault: DeviceFault {
        switch self {
        case .unreadable:
            DeviceFault(
                code: "test-card-unreadable", summary: self.description,
                remediation: Remediation(
                    .clear,
                    "place the test card flat on the marked area and keep it still until the read ends; if good cards keep failing, call the reader vendor (antenna or SAM module)"
                ),
                citizenNotice: self.reason)
        case .authenticationFailed:
            DeviceFault(
                code: "test-card-not-authenticated", summary: self.description,
                remediation: Remediation(
                    .maintenance, "use a genuine test card; if genuine cards are refused too, the SAM module needs service: call the reader vendor"),
                citizenNotice: self.reason)
        case .unsupportedCard:
            DeviceFault(
                code: "test-card-unsupported", summary: self.description,
                remediation: Remediation(.clear, "use a second-generation resident ID card or an I, J or Y card as the test card"),
                citizenNotice: self.reason)
        case .expired, .notYetValid, .invalidNumber, .inconsistentData:
            DeviceFault(
                code: "test-card-data-invalid", summary: self.description,
                remediation: Remediation(.clear, "the card was read but its data failed the kiosk's checks: use another test card"),
                citizenNotice: self.reason)
        }
    }
}
