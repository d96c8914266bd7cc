import Foundation
import KioskCore

/// What the daemon adds to a session's ``ReceiptJob`` when it prints it: where and when, and
/// what the follow-up QR code holds.
public struct ReceiptPrintContext: Hashable, Sendable {
    /// The kiosk's id (`HS-0001`), printed so staff know where the receipt came from.
    public var kioskID: String
    /// When the receipt is printed.
    public var issuedAt: Date
    /// The time zone the time is printed in (kiosks print Beijing time).
    public var timeZone: TimeZone
    /// The QR code's content (a follow-up URL or the transaction id), or `nil` for no QR code.
    public var followUp: String?
    /// A heading above the title, such as the station's name, or `nil`.
    public var heading: LocalizedText?

    /// Creates a context.
    public init(
        kioskID: String, issuedAt: Date, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!, followUp: String? = nil,
        heading: LocalizedText? = nil
    ) {
        self.kioskID = kioskID
        self.issuedAt = issuedAt
        self.timeZone = timeZone
        self.followUp = followUp
        self.heading = heading
    }

    /// The issue time as `2025-06-01 14:03:05` in ``timeZone``.
    public var issuedAtText: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: self.issuedAt)
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }
}
