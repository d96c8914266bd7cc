/// What the status line shows besides the screen's notices: which kiosk this is and the time.
public struct StatusInfo: Hashable, Sendable {
    /// The kiosk's id (`HS-0001`), shown at the left so a citizen can quote it; nil hides it.
    public var kioskID: String?
    /// The local date and time as shown (`2026-11-26 09:30`).
    public var time: String

    /// Creates the status information.
    public init(kioskID: String?, time: String) {
        self.kioskID = kioskID
        self.time = time
    }
}
