/// Splits what a serial bar-code scanner sends into codes: CR, LF or CR LF end a code (scanner
/// suffix settings, research C.2), and a pause longer than the inter-character timeout ends a
/// code sent without a terminator. Control bytes are dropped; over-long input is cut off.
/// Pure: the caller passes the arrival time of each chunk.
public struct ScannedLineDecoder: Sendable {
    /// A code longer than this is not a payment code (Alipay's longest is 24; face tokens 35).
    public static let maximumLength = 64
    /// The pause that ends a code sent without terminator.
    public let interCharacterTimeout: Duration
    private var pending: [UInt8] = []
    private var lastByteAt: Duration?
    private var isDiscarding = false

    /// Creates a decoder.
    public init(interCharacterTimeout: Duration = .milliseconds(100)) {
        self.interCharacterTimeout = interCharacterTimeout
    }

    /// Adds bytes that arrived at `now`; returns the codes they complete.
    public mutating func append(_ bytes: [UInt8], at now: Duration) -> [String] {
        var codes = self.flush(at: now)
        for byte in bytes {
            switch byte {
            case 0x0D, 0x0A:
                if let code = self.finish() { codes.append(code) }
            case 0x20...0x7E:
                if self.pending.count >= Self.maximumLength {
                    self.isDiscarding = true
                } else if !self.isDiscarding {
                    self.pending.append(byte)
                }
            default:
                continue
            }
        }
        self.lastByteAt = now
        return codes
    }

    /// Ends a code whose last byte came more than the timeout before `now`.
    public mutating func flush(at now: Duration) -> [String] {
        guard let last = self.lastByteAt, now - last >= self.interCharacterTimeout, !self.pending.isEmpty || self.isDiscarding else { return [] }
        return self.finish().map { [$0] } ?? []
    }

    /// Whether a code is half received (the caller should call ``flush(at:)`` after the timeout).
    public var hasPendingCode: Bool { !self.pending.isEmpty }

    private mutating func finish() -> String? {
        defer {
            self.pending.removeAll(keepingCapacity: true)
            self.isDiscarding = false
        }
        guard !self.pending.isEmpty, !self.isDiscarding else { return nil }
        return String(decoding: self.pending, as: UTF8.self)
    }
}
