import KioskCore

/// One printed proof, laid out as data: what every page says, before any font or PDF is
/// involved. Built from a ``KioskCore/CertificateJob`` by ``ProofDocument/init(job:context:)``.
///
/// A proof is personal data: it names the citizen in full (the lead's privacy decision) and
/// carries the full ID number only inside ``contentDigest()`` input, never on paper, where the
/// number is masked (`330203********3518`). `description` and the mirror show no personal data.
public struct ProofDocument: Hashable, Sendable {
    /// The layout.
    public var template: DocumentTemplate
    /// The document's number, printed on every page and carried in the verification payload.
    public var documentID: String
    /// The title.
    public var title: LocalizedText
    /// The office in whose name the kiosk issues the proof.
    public var issuingOffice: String
    /// Whose proof.
    public var citizen: ProofCitizen
    /// Paragraphs between the citizen block and the fields.
    public var statement: [LocalizedText]
    /// Label/value facts (insurance number, household number…).
    public var fields: [ProofField]
    /// The records table, paginated over as many pages as needed, if the proof has one.
    public var table: ProofTable?
    /// Paragraphs after the table ("特此证明", validity).
    public var closing: [LocalizedText]
    /// When the kiosk issued it.
    public var issuedAt: IssueTime
    /// How many days the proof is valid from ``issuedAt``.
    public var validityDays: Int
    /// The kiosk that printed it.
    public var kioskID: String
    /// The transaction it was printed for.
    public var transactionID: TransactionID

    /// Creates a document from its parts (builders use ``init(job:context:)``).
    public init(
        template: DocumentTemplate, documentID: String, title: LocalizedText, issuingOffice: String, citizen: ProofCitizen,
        statement: [LocalizedText], fields: [ProofField], table: ProofTable?, closing: [LocalizedText], issuedAt: IssueTime,
        validityDays: Int, kioskID: String, transactionID: TransactionID
    ) {
        self.template = template
        self.documentID = documentID
        self.title = title
        self.issuingOffice = issuingOffice
        self.citizen = citizen
        self.statement = statement
        self.fields = fields
        self.table = table
        self.closing = closing
        self.issuedAt = issuedAt
        self.validityDays = validityDays
        self.kioskID = kioskID
        self.transactionID = transactionID
    }

    /// The last day the proof is valid.
    public var validUntil: CalendarDate { self.issuedAt.chinaDate.adding(days: self.validityDays) }
}

extension ProofDocument: CustomStringConvertible, CustomReflectable {
    /// The document's kind, number and size: never the citizen's data.
    public var description: String {
        "\(self.template.rawValue) proof \(self.documentID) (\(self.table?.rows.count ?? 0) rows)"
    }

    /// A mirror without personal data, so failure messages and `dump` stay clean.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": self.description], displayStyle: .struct)
    }
}

/// The citizen block of a proof.
public struct ProofCitizen: Hashable, Sendable {
    /// The name, printed in full.
    public var name: String
    /// The ID number as printed: masked (`330203********3518`).
    public var maskedDocumentNumber: String
    /// The card the citizen identified with.
    public var cardType: CardType
    /// The full ID number: digested into the content hash, never printed or stored.
    let documentNumber: String

    /// Takes the printed fields from an identity.
    public init(identity: Identity) {
        self.name = identity.englishName.map { identity.name == $0 ? $0 : "\(identity.name) \($0)" } ?? identity.name
        self.maskedDocumentNumber = identity.documentNumber.masked
        self.cardType = identity.cardType
        self.documentNumber = identity.documentNumber.unmaskedValue
    }
}

/// A label and its value (`参保城市 Insured city: 宁波市`).
public struct ProofField: Hashable, Sendable {
    /// The label.
    public var label: LocalizedText
    /// The value as printed.
    public var value: String

    /// Creates a field.
    public init(_ label: LocalizedText, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// The records table: columns, rows, and an optional totals row printed after the last row.
public struct ProofTable: Hashable, Sendable {
    /// The columns; their header row repeats at the top of every page the table runs onto.
    public var columns: [ProofColumn]
    /// The rows, one string per column.
    public var rows: [[String]]
    /// A totals row, printed once after the last row.
    public var totals: [String]?

    /// Creates a table.
    /// - Precondition: every row has one cell per column.
    public init(columns: [ProofColumn], rows: [[String]], totals: [String]? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }
}

/// One table column.
public struct ProofColumn: Hashable, Sendable {
    /// How a column's cells line up.
    public enum Alignment: Hashable, Sendable {
        /// Text.
        case leading
        /// Numbers and amounts.
        case trailing
        /// Short codes and dates.
        case center
    }

    /// The header (two lines: Chinese above English).
    public var title: LocalizedText
    /// Its share of the table's width (the shares are normalised).
    public var weight: Double
    /// How its cells line up.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: LocalizedText, weight: Double, alignment: Alignment = .leading) {
        self.title = title
        self.weight = weight
        self.alignment = alignment
    }
}
