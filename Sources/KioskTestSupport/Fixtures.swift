import Foundation
import KioskCore

/// Finds the repository's seed files and decodes them for tests and simulators.
public enum Fixtures {
    /// The repository root (the folder holding `Package.swift`), found from this file's path.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A file under `seeds/`.
    public static func seed(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("seeds").appendingPathComponent(name)
    }

    /// The shipped service catalogue.
    public static func catalogue() throws -> ServiceCatalogue {
        try ServiceCatalogue(jsonData: Data(contentsOf: seed("services.json")))
    }

    /// The shipped synthetic citizens.
    public static func citizens() throws -> [SyntheticCitizen] {
        try SyntheticCitizen.decodeList(from: Data(contentsOf: seed("citizens.json")))
    }

    /// One synthetic citizen by key (`alpha`…`india`).
    public static func citizen(_ key: String) throws -> SyntheticCitizen {
        guard let citizen = try citizens().first(where: { $0.key == key }) else {
            throw SeedError.malformed(file: "citizens.json", detail: "no citizen '\(key)'")
        }
        return citizen
    }

    /// The shipped record books.
    public static func recordBooks() throws -> [RecordBook] {
        try RecordBookFile.decode(Data(contentsOf: seed("records.json")))
    }

    /// The record book of a synthetic citizen.
    public static func recordBook(for key: String) throws -> RecordBook {
        let citizen = try citizen(key)
        return try recordBooks().first { $0.documentNumber == citizen.identity.documentNumber }
            ?? RecordBook(documentNumber: citizen.identity.documentNumber)
    }

    /// A fresh empty temporary directory, removed by the caller (or left for the OS).
    public static func temporaryDirectory(_ label: String = "onetrip") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
