/// Identifies one citizen's visit: the kiosk's id and a number that only grows
/// (`HS-0001-000042`). The owner seeds the number from the journal so ids never repeat.
public struct SessionID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The kiosk that ran the session.
    public var kioskID: String
    /// The session's number on that kiosk.
    public var number: UInt64

    /// Creates an id.
    public init(kioskID: String, number: UInt64) {
        self.kioskID = kioskID
        self.number = number
    }

    public var description: String {
        let digits = String(self.number)
        return "\(self.kioskID)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }
}

/// Identifies the one transaction (payment and/or print) of a session: the session id with `T`
/// (`HS-0001-000042T`). Printed on receipts and used as the payment provider's out-trade number.
public struct TransactionID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The session the transaction belongs to.
    public var session: SessionID

    /// Creates the transaction id of a session.
    public init(session: SessionID) { self.session = session }

    public var description: String { "\(self.session)T" }
}

/// A keyed hash of a citizen's document number (computed by the owner with the kiosk's secret),
/// so journal rows can be searched by ID number without storing it.
public struct CitizenKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lower-case hex of the keyed hash.
    public var hex: String

    /// Wraps a keyed-hash value.
    public init(hex: String) { self.hex = hex }

    public var description: String { self.hex }
}

/// A card read handed to the session: the identity, and the keyed hash of its number.
public struct CardReading: Hashable, Sendable {
    /// The decoded card.
    public var identity: Identity
    /// The keyed hash of the card's number.
    public var citizenKey: CitizenKey

    /// Creates a reading.
    public init(identity: Identity, citizenKey: CitizenKey) {
        self.identity = identity
        self.citizenKey = citizenKey
    }
}
