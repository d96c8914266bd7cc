/// The faults the ID card reader simulator can be told to show (`fault NAME [COUNT]` on its
/// control socket). Each has a count of remaining occurrences, or lasts until cleared.
public enum IDCardReaderFault: String, Hashable, Sendable, CaseIterable {
    /// Find answers 0x80 although a card lies on the reader (badly placed card).
    case noCard = "no-card"
    /// Select answers 0x81.
    case selectFail = "select-fail"
    /// A read answers 0x41 (card moved too soon).
    case readFail = "read-fail"
    /// A read answers 0x32 (the SAM did not authenticate the card: a forgery).
    case authenticationFail = "auth-fail"
    /// A read answers 0x40 (not an ID card).
    case wrongCard = "wrong-card"
    /// Every command answers 0x60 (SAM self-test failed).
    case samFault = "sam-fault"
    /// A reply goes out with its checksum inverted.
    case corruptChecksum = "corrupt-checksum"
    /// A reply goes out in small pieces with pauses between them.
    case fragmented
    /// A reply goes out only after the simulator's slow-reply delay.
    case slow
    /// Noise bytes (no complete preamble) go out before a reply.
    case garbage
    /// A request gets no reply at all.
    case mute
}

/// The active faults and how often each will still occur.
public struct IDCardReaderFaults: Hashable, Sendable, CustomStringConvertible {
    /// How long a fault lasts.
    public enum Remaining: Hashable, Sendable {
        /// This many more occurrences.
        case times(Int)
        /// Until cleared.
        case always
    }

    private var remaining: [IDCardReaderFault: Remaining] = [:]

    /// No faults.
    public init() {}

    /// Turns a fault on (replacing its previous count).
    public mutating func inject(_ fault: IDCardReaderFault, _ remaining: Remaining) {
        if case .times(let count) = remaining, count <= 0 {
            self.remaining[fault] = nil
        } else {
            self.remaining[fault] = remaining
        }
    }

    /// Turns every fault off.
    public mutating func clear() { self.remaining.removeAll() }

    /// Whether a fault is on, without using it up.
    public func isActive(_ fault: IDCardReaderFault) -> Bool { self.remaining[fault] != nil }

    /// Uses one occurrence of a fault; returns whether it was on.
    public mutating func take(_ fault: IDCardReaderFault) -> Bool {
        switch self.remaining[fault] {
        case nil: return false
        case .always: return true
        case .times(let count):
            self.remaining[fault] = count > 1 ? .times(count - 1) : nil
            return true
        }
    }

    /// `read-fail×2 sam-fault×∞`, or `none`.
    public var description: String {
        guard !self.remaining.isEmpty else { return "none" }
        return IDCardReaderFault.allCases.compactMap { fault in
            switch self.remaining[fault] {
            case nil: nil
            case .always: "\(fault.rawValue)×∞"
            case .times(let count): "\(fault.rawValue)×\(count)"
            }
        }.joined(separator: " ")
    }
}
