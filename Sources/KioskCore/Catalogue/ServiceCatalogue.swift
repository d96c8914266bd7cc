import Foundation

/// The services a kiosk offers, decoded from `seeds/services.json` (or a deployment's copy).
///
/// Decoding validates the whole catalogue: unique codes, a one-swipe default that exists and is
/// a free proof, proofs with a document template, charged services with payment methods.
public struct ServiceCatalogue: Hashable, Sendable, Codable {
    /// Catalogue format version.
    public var version: Int
    /// The service a card read goes straight to in one-swipe mode.
    public var oneSwipeDefault: ServiceCode?
    /// The services in menu order.
    public var services: [Service]

    /// Creates and validates a catalogue.
    /// - Throws: ``ServiceCatalogueError`` for an inconsistent catalogue.
    public init(version: Int = 1, oneSwipeDefault: ServiceCode?, services: [Service]) throws(ServiceCatalogueError) {
        self.version = version
        self.oneSwipeDefault = oneSwipeDefault
        self.services = services
        try self.validate()
    }

    /// Decodes and validates a catalogue from JSON bytes.
    /// - Throws: ``ServiceCatalogueError`` naming the problem (with the JSON path for decoding errors).
    public init(jsonData: Data) throws(ServiceCatalogueError) {
        let decoded: ServiceCatalogue
        do {
            decoded = try JSONDecoder().decode(ServiceCatalogue.self, from: jsonData)
        } catch let error as DecodingError {
            throw .malformed(error.readableDescription)
        } catch {
            throw .malformed(String(describing: error))
        }
        self = decoded
        try self.validate()
    }

    /// The service with a code.
    public subscript(code: ServiceCode) -> Service? {
        self.services.first { $0.code == code }
    }

    private func validate() throws(ServiceCatalogueError) {
        guard self.version == 1 else { throw .unsupportedVersion(self.version) }
        var seen = Set<ServiceCode>()
        for service in self.services {
            guard seen.insert(service.code).inserted else { throw .duplicateCode(service.code) }
            if service.kind == .proof, service.document == nil { throw .proofWithoutDocument(service.code) }
            if service.fee.mayCharge, service.paymentMethods.isEmpty { throw .chargedWithoutPaymentMethod(service.code) }
        }
        if let code = self.oneSwipeDefault {
            guard let service = self[code] else { throw .unknownOneSwipeDefault(code) }
            guard service.kind == .proof, !service.fee.mayCharge else { throw .oneSwipeDefaultNotFreeProof(code) }
        }
    }
}

/// Why a service catalogue was refused.
public enum ServiceCatalogueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON does not decode; the text names the path and the problem.
    case malformed(String)
    /// The catalogue's `version` is not one this build reads.
    case unsupportedVersion(Int)
    /// Two services share a code.
    case duplicateCode(ServiceCode)
    /// A proof service names no document template.
    case proofWithoutDocument(ServiceCode)
    /// A service that charges lists no payment method.
    case chargedWithoutPaymentMethod(ServiceCode)
    /// `oneSwipeDefault` names a service that is not in the catalogue.
    case unknownOneSwipeDefault(ServiceCode)
    /// `oneSwipeDefault` must be a free proof (one swipe, one touch, no payment).
    case oneSwipeDefaultNotFreeProof(ServiceCode)

    public var description: String {
        switch self {
        case .malformed(let detail): "service catalogue is malformed: \(detail)"
        case .unsupportedVersion(let version): "service catalogue version \(version) is not supported (expected 1)"
        case .duplicateCode(let code): "service catalogue lists '\(code)' twice"
        case .proofWithoutDocument(let code): "service '\(code)' is a proof but names no document template"
        case .chargedWithoutPaymentMethod(let code): "service '\(code)' charges a fee but lists no payment method"
        case .unknownOneSwipeDefault(let code): "oneSwipeDefault '\(code)' is not in the catalogue"
        case .oneSwipeDefaultNotFreeProof(let code): "oneSwipeDefault '\(code)' must be a free proof"
        }
    }
}

extension DecodingError {
    /// A one-line description with the coding path, for configuration error messages.
    public var readableDescription: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        }
        switch self {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): missing \(type) value"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo["NSDebugDescription"] as? String
            return "\(path(context.codingPath)): \(underlying ?? context.debugDescription)"
        @unknown default:
            return String(describing: self)
        }
    }
}
