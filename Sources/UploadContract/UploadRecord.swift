/// One outbox record as it travels to the back office: the kiosk's sequence number, what kind of
/// record it is, when it was written, and its payload (a JSON object in canonical text).
///
/// The same value is what the kiosk's journal hands the uploader and what the hub stores, so
/// "the hub holds exactly what the kiosk committed" is a plain `==`.
public struct UploadRecord: Hashable, Sendable {
    /// The kiosk's sequence number: unique, increasing, never reused.
    public var sequence: Int64
    /// Whether the record may ever be dropped.
    public var category: RecordCategory
    /// What the record says (`journal.paymentCompleted`, `event.device`).
    public var kind: String
    /// When the kiosk wrote it, milliseconds since the Unix epoch (kiosk clock).
    public var recordedAt: Int64
    /// The visit it belongs to, if any (`HS-0001-000042`).
    public var sessionID: String?
    /// The transaction it belongs to, if any (`HS-0001-000042T`).
    public var transactionID: String?
    /// The payload: a JSON object in ``JSONValue/canonicalText`` form. Masked data only.
    public var payload: String

    /// Creates a record.
    public init(
        sequence: Int64, category: RecordCategory, kind: String, recordedAt: Int64, sessionID: String? = nil,
        transactionID: String? = nil, payload: String
    ) {
        self.sequence = sequence
        self.category = category
        self.kind = kind
        self.recordedAt = recordedAt
        self.sessionID = sessionID
        self.transactionID = transactionID
        self.payload = payload
    }

    /// Roughly how many bytes the record takes in a batch body (for the batch byte limit).
    public var encodedSizeEstimate: Int {
        96 + self.kind.utf8.count + (self.sessionID?.utf8.count ?? 4) + (self.transactionID?.utf8.count ?? 4) + self.payload.utf8.count
    }

    /// Appends the record's JSON object to a body.
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        self.writeMembers(to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// Appends the record's members (`"seq":1,…,"payload":{…}`) without the braces, for
    /// writers that add members of their own (the hub's export adds the kiosk and receipt time).
    public func writeMembers(to output: inout [UInt8]) {
        output.append(contentsOf: "\"seq\":\(self.sequence),\"category\":".utf8)
        JSONValue.writeString(self.category.rawValue, to: &output)
        output.append(contentsOf: ",\"kind\":".utf8)
        JSONValue.writeString(self.kind, to: &output)
        output.append(contentsOf: ",\"recordedAt\":\(self.recordedAt),\"session\":".utf8)
        if let session = self.sessionID { JSONValue.writeString(session, to: &output) } else { output.append(contentsOf: "null".utf8) }
        output.append(contentsOf: ",\"transaction\":".utf8)
        if let transaction = self.transactionID {
            JSONValue.writeString(transaction, to: &output)
        } else {
            output.append(contentsOf: "null".utf8)
        }
        output.append(contentsOf: ",\"payload\":".utf8)
        output.append(contentsOf: self.payload.utf8)
    }

    /// Reads one record of a parsed batch.
    init(json: JSONValue, index: Int) throws(UploadBatchError) {
        func fail(_ reason: String) -> UploadBatchError { .invalid("records[\(index)]: \(reason)") }
        guard case .object = json else { throw fail("not an object") }
        guard let sequence = json["seq"]?.integerValue, sequence >= 1 else { throw fail("\"seq\" must be an integer ≥ 1") }
        guard let categoryName = json["category"]?.stringValue, let category = RecordCategory(rawValue: categoryName) else {
            throw fail("\"category\" must be one of \(RecordCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let kind = json["kind"]?.stringValue, !kind.isEmpty, kind.utf8.count <= 128 else {
            throw fail("\"kind\" must be a string of 1 to 128 bytes")
        }
        guard let recordedAt = json["recordedAt"]?.integerValue else { throw fail("\"recordedAt\" must be integer milliseconds") }
        func optionalString(_ key: String) throws(UploadBatchError) -> String? {
            switch json[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw fail("\"\(key)\" must be a string or null")
            }
        }
        guard let payload = json["payload"], case .object = payload else { throw fail("\"payload\" must be an object") }
        self.init(
            sequence: sequence, category: category, kind: kind, recordedAt: recordedAt, sessionID: try optionalString("session"),
            transactionID: try optionalString("transaction"), payload: payload.canonicalText)
    }
}
