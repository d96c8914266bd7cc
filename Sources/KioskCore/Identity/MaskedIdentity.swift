/// The part of an ``Identity`` that may appear in logs, journals and on screens:
/// card type, masked name, masked number and masked address.
public struct MaskedIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Which card the citizen used.
    public var cardType: CardType
    /// Name with all but the first character hidden (`张*`).
    public var name: String
    /// Number with the middle hidden (`330203********123X`).
    public var documentNumber: String
    /// Address with all but the first six characters hidden.
    public var address: String?

    /// Creates a masked identity from already masked fields.
    public init(cardType: CardType, name: String, documentNumber: String, address: String?) {
        self.cardType = cardType
        self.name = name
        self.documentNumber = documentNumber
        self.address = address
    }

    public var description: String { "\(self.name) \(self.documentNumber)" }
}
