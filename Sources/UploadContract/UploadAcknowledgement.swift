/// The hub's answer to an accepted batch (HTTP 200): the highest sequence number it holds for
/// the kiosk. The kiosk marks its records up to that number (and no further than what it sent)
/// acknowledged.
public struct UploadAcknowledgement: Hashable, Sendable {
    /// The kiosk.
    public var kioskID: String
    /// The highest sequence number stored for the kiosk (0 when none).
    public var acknowledgedThrough: Int64
    /// Records of this batch stored now.
    public var stored: Int
    /// Records of this batch the hub already held (a resend after a lost answer).
    public var duplicates: Int

    /// Creates an acknowledgement.
    public init(kioskID: String, acknowledgedThrough: Int64, stored: Int, duplicates: Int) {
        self.kioskID = kioskID
        self.acknowledgedThrough = acknowledgedThrough
        self.stored = stored
        self.duplicates = duplicates
    }

    /// The JSON body.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        JSONValue.object([
            "kioskID": .string(self.kioskID), "acknowledgedThrough": .integer(self.acknowledgedThrough),
            "stored": .integer(Int64(self.stored)), "duplicates": .integer(Int64(self.duplicates)),
        ]).write(to: &output)
        return output
    }

    /// Parses a body.
    /// - Throws: ``UploadBatchError`` when the body is not an acknowledgement.
    public static func decode(_ bytes: [UInt8]) throws(UploadBatchError) -> UploadAcknowledgement {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw .malformed(error) }
        guard let kioskID = json["kioskID"]?.stringValue, let through = json["acknowledgedThrough"]?.integerValue, through >= 0 else {
            throw .invalid("an acknowledgement needs \"kioskID\" and a non-negative \"acknowledgedThrough\"")
        }
        return UploadAcknowledgement(
            kioskID: kioskID, acknowledgedThrough: through, stored: Int(json["stored"]?.integerValue ?? 0),
            duplicates: Int(json["duplicates"]?.integerValue ?? 0))
    }
}

/// The hub's answer to a refused request (4xx/5xx): a stable code, a sentence for a technician,
/// and the hub's clock (so a kiosk whose clock drifted can correct its timestamps).
public struct UploadProblem: Hashable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// No or malformed signature headers.
        case missingSignature = "missing_signature"
        /// The signature does not match the body and timestamp with the kiosk's key.
        case badSignature = "bad_signature"
        /// The timestamp is outside the hub's allowed clock skew.
        case timestampOutOfWindow = "timestamp_out_of_window"
        /// The hub has no key for this kiosk.
        case unknownKiosk = "unknown_kiosk"
        /// The body names another kiosk than the path.
        case kioskMismatch = "kiosk_mismatch"
        /// The body is not a valid batch.
        case malformedBody = "malformed_body"
        /// The body is larger than the hub accepts.
        case bodyTooLarge = "body_too_large"
        /// A sequence number is already stored with different content.
        case sequenceConflict = "sequence_conflict"
        /// The hub failed (its store, its disk).
        case internalError = "internal_error"
    }

    /// What went wrong.
    public var code: Code
    /// In words.
    public var message: String
    /// The hub's clock, seconds since the Unix epoch.
    public var serverTime: Int64

    /// Creates a problem.
    public init(code: Code, message: String, serverTime: Int64) {
        self.code = code
        self.message = message
        self.serverTime = serverTime
    }

    public var description: String { "\(self.code.rawValue): \(self.message)" }

    /// The JSON body.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        JSONValue.object(["code": .string(self.code.rawValue), "message": .string(self.message), "serverTime": .integer(self.serverTime)])
            .write(to: &output)
        return output
    }

    /// Parses a body; `nil` when it is not a problem document (a proxy's HTML error page).
    public static func decode(_ bytes: [UInt8]) -> UploadProblem? {
        guard let json = try? JSONParser.parse(bytes), let codeName = json["code"]?.stringValue, let code = Code(rawValue: codeName) else {
            return nil
        }
        return UploadProblem(code: code, message: json["message"]?.stringValue ?? "", serverTime: json["serverTime"]?.integerValue ?? 0)
    }
}
