import Foundation

/// A made-up citizen from `seeds/citizens.json`, for the card-reader simulator, the demo and
/// tests. Every seed identity is synthetic: obviously fake names, Example Road addresses, and
/// numbers whose check digits are valid so the whole path can be exercised.
public struct SyntheticCitizen: Hashable, Sendable, Codable {
    /// A short key (`alpha`), used by `onetrip sim card place alpha`.
    public var key: String
    /// What this citizen exercises ("expired card", "240 months of contributions").
    public var label: String
    /// The card.
    public var identity: Identity

    /// Creates a synthetic citizen.
    public init(key: String, label: String, identity: Identity) {
        self.key = key
        self.label = label
        self.identity = identity
    }

    /// Decodes `seeds/citizens.json`.
    /// - Throws: an error naming the JSON path of the first problem.
    public static func decodeList(from data: Data) throws -> [SyntheticCitizen] {
        struct File: Decodable {
            var version: Int
            var citizens: [SyntheticCitizen]
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            return file.citizens
        } catch let error as DecodingError {
            throw SeedError.malformed(file: "citizens.json", detail: error.readableDescription)
        }
    }
}

/// Decodes `seeds/records.json` into record books.
public enum RecordBookFile {
    /// Decodes the file.
    /// - Throws: ``SeedError`` naming the JSON path of the first problem.
    public static func decode(_ data: Data) throws -> [RecordBook] {
        struct File: Decodable {
            var version: Int
            var books: [RecordBook]
        }
        do {
            return try JSONDecoder().decode(File.self, from: data).books
        } catch let error as DecodingError {
            throw SeedError.malformed(file: "records.json", detail: error.readableDescription)
        }
    }
}

/// A seed file that does not decode.
public enum SeedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's JSON is not what it should be.
    case malformed(file: String, detail: String)

    public var description: String {
        switch self {
        case .malformed(let file, let detail): "seeds/\(file) is malformed: \(detail)"
        }
    }
}
