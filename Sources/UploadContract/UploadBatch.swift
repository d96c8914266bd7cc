/// The body of `POST /v1/kiosks/{kioskID}/events`: the kiosk's id, how many telemetry records it
/// has dropped so far under its cap, and records in increasing sequence order.
public struct UploadBatch: Hashable, Sendable {
    /// The kiosk (must match the path).
    public var kioskID: String
    /// Telemetry records dropped by the kiosk's cap since it was installed (a running total).
    public var droppedTelemetry: Int64
    /// The records, sequence numbers strictly increasing.
    public var records: [UploadRecord]

    /// Creates a batch.
    public init(kioskID: String, droppedTelemetry: Int64 = 0, records: [UploadRecord]) {
        self.kioskID = kioskID
        self.droppedTelemetry = droppedTelemetry
        self.records = records
    }

    /// The JSON body, written directly (payloads are already canonical JSON).
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + self.records.reduce(0) { $0 + $1.encodedSizeEstimate })
        output.append(contentsOf: "{\"kioskID\":".utf8)
        JSONValue.writeString(self.kioskID, to: &output)
        output.append(contentsOf: ",\"droppedTelemetry\":\(self.droppedTelemetry),\"records\":[".utf8)
        for (index, record) in self.records.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            record.write(to: &output)
        }
        output.append(contentsOf: "]}".utf8)
        return output
    }

    /// Parses and validates a body.
    /// - Throws: ``UploadBatchError`` naming the first problem (malformed JSON with its byte
    ///   offset, a missing field with the record's index, sequence numbers out of order).
    public static func decode(_ bytes: [UInt8]) throws(UploadBatchError) -> UploadBatch {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw .malformed(error)
        }
        guard let kioskID = json["kioskID"]?.stringValue, !kioskID.isEmpty else { throw .invalid("\"kioskID\" must be a non-empty string") }
        let dropped = json["droppedTelemetry"]?.integerValue ?? 0
        guard dropped >= 0 else { throw .invalid("\"droppedTelemetry\" must not be negative") }
        guard case .array(let items)? = json["records"] else { throw .invalid("\"records\" must be an array") }
        var records: [UploadRecord] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let record = try UploadRecord(json: item, index: index)
            if let previous = records.last, record.sequence <= previous.sequence {
                throw .invalid("records[\(index)]: seq \(record.sequence) does not follow \(previous.sequence); records must be in increasing order")
            }
            records.append(record)
        }
        return UploadBatch(kioskID: kioskID, droppedTelemetry: dropped, records: records)
    }
}

/// Why an upload body was refused.
public enum UploadBatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not JSON.
    case malformed(JSONParseError)
    /// JSON, but not a valid batch.
    case invalid(String)

    public var description: String {
        switch self {
        case .malformed(let error): "the batch is not valid JSON: \(error)"
        case .invalid(let reason): "the batch is not valid: \(reason)"
        }
    }
}
