import Foundation
import KioskCore

/// What one device has done and suffered since it was first seen, after UnifiedPOS's device
/// statistics: counts a technician reads to judge wear (a printer near its cutter's life, a
/// validator that jams weekly), kept across restarts by ``DeviceStatisticsStore``.
public struct DeviceStatistics: Hashable, Sendable, Codable {
    /// The role it filled.
    public var role: DeviceRole
    /// Its stable identity (``DeviceStatus/deviceID``).
    public var deviceID: String
    /// ID cards read.
    public var cardsRead: Int = 0
    /// Receipts printed.
    public var receiptsPrinted: Int = 0
    /// A4 pages printed.
    public var pagesPrinted: Int = 0
    /// Banknotes stacked (credited).
    public var notesStacked: Int = 0
    /// Jams (paper, cutter, banknote path).
    public var jams: Int = 0
    /// Faults of any kind (a jam counts here too).
    public var errors: Int = 0
    /// Time spent usable (online or busy), in seconds.
    public var secondsOnline: Double = 0
    /// The code of the latest fault.
    public var lastFaultCode: String?
    /// When the latest fault appeared.
    public var lastFaultAt: Date?

    /// Creates empty statistics for a device.
    public init(role: DeviceRole, deviceID: String) {
        self.role = role
        self.deviceID = deviceID
    }

    /// Hours usable, for tables.
    public var hoursOnline: Double { self.secondsOnline / 3600 }

    /// An increment to apply to a device's statistics.
    public struct Delta: Hashable, Sendable {
        /// ID cards read.
        public var cardsRead = 0
        /// Receipts printed.
        public var receiptsPrinted = 0
        /// Pages printed.
        public var pagesPrinted = 0
        /// Banknotes stacked.
        public var notesStacked = 0
        /// Jams.
        public var jams = 0
        /// Faults.
        public var errors = 0
        /// Seconds usable.
        public var secondsOnline: Double = 0
        /// A new latest fault, with when it appeared.
        public var lastFault: Fault?

        /// A fault's code and when it appeared.
        public struct Fault: Hashable, Sendable {
            /// The fault code (`paper-out`).
            public var code: String
            /// When it appeared.
            public var at: Date

            /// Creates the value.
            public init(code: String, at: Date) {
                self.code = code
                self.at = at
            }
        }

        /// An empty delta.
        public init() {}

        /// Whether it changes nothing.
        public var isEmpty: Bool { self == Delta() }
    }
}

/// Something a device did that its statistics count; drivers report these to the
/// ``DeviceHealthBoard`` after each success.
public enum DeviceActivity: Hashable, Sendable {
    /// An ID card was read completely.
    case cardRead
    /// A receipt was printed and cut.
    case receiptPrinted
    /// Pages came out of the A4 printer.
    case pagesPrinted(Int)
    /// A banknote was stacked (credited).
    case noteStacked

    /// The activity as a delta.
    var delta: DeviceStatistics.Delta {
        var delta = DeviceStatistics.Delta()
        switch self {
        case .cardRead: delta.cardsRead = 1
        case .receiptPrinted: delta.receiptsPrinted = 1
        case .pagesPrinted(let count): delta.pagesPrinted = max(0, count)
        case .noteStacked: delta.notesStacked = 1
        }
        return delta
    }
}
