import Foundation
import Hummingbird
import NIOCore

/// Reads and decodes a request's JSON body, turning decoding failures into a 400 that says
/// which field is wrong and why.
enum ControlRequestBody {
    /// The decoded body; `nil` for an empty body when `allowEmpty`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, upTo limit: Int, allowEmpty: Bool = false) async throws -> T? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ControlError.badRequest("the request body is larger than \(limit) bytes")
        }
        let bytes = Data(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            guard allowEmpty else { throw ControlError.badRequest("the request needs a JSON body") }
            return nil
        }
        do {
            return try ControlJSON.makeDecoder().decode(T.self, from: bytes)
        } catch let error as DecodingError {
            throw ControlError.badRequest(Self.describe(error))
        }
    }

    /// The body, which must be present.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, upTo limit: Int) async throws -> T {
        guard let value = try await self.decode(type, from: request, upTo: limit, allowEmpty: false) else {
            throw ControlError.badRequest("the request needs a JSON body")
        }
        return value
    }

    /// A decoding error in a sentence: `field 'enabled': expected true or false`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type (expected \(Self.name(of: type)))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(Self.name(of: type)))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "the body cannot be read: \(error)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default: "\(type)"
        }
    }
}
