import KioskCore

/// What the daemon adds to a ``KioskCore/CertificateJob`` to make a proof: who issues it,
/// where, when, and for how long it is valid.
public struct IssueContext: Hashable, Sendable {
    /// The kiosk's id (`HS-0001`), printed on every page.
    public var kioskID: String
    /// The office in whose name proofs are issued (`宁波市公安局海曙分局`).
    public var issuingOffice: String
    /// When the proof is issued.
    public var issuedAt: IssueTime
    /// How many days a proof of each kind stays valid (missing kinds: ``defaultValidityDays``).
    public var validityDays: [DocumentTemplate: Int]

    /// Validity when ``validityDays`` names no value for a kind: 90 days.
    public static let defaultValidityDays = 90

    /// Creates a context.
    public init(kioskID: String, issuingOffice: String, issuedAt: IssueTime, validityDays: [DocumentTemplate: Int] = [:]) {
        self.kioskID = kioskID
        self.issuingOffice = issuingOffice
        self.issuedAt = issuedAt
        self.validityDays = validityDays
    }

    /// The validity of a kind of proof.
    public func validity(of template: DocumentTemplate) -> Int {
        self.validityDays[template] ?? Self.defaultValidityDays
    }
}
