import Foundation
import FuzzSupport
import IDCardReader
import KioskCore

/// Feeds arbitrary 256-byte blocks to the card text decoder and checks:
/// - it never crashes, and every error has a description;
/// - whatever decodes survives a round trip: encoding the identity and decoding it again gives
///   the same identity;
/// - the technician's field list decodes whenever the identity does.
///
/// `fuzz-card-text --make-corpus DIR [citizens.json]` writes the seed citizens' encoded blocks
/// as a starting corpus instead of fuzzing.
func fuzzOne(_ bytes: [UInt8]) {
    if bytes.count != CardTextLayout.blockLength {
        do {
            _ = try CardTextDecoder.decode(bytes)
            fuzzCheck(false, "a \(bytes.count)-byte block decoded")
        } catch {
            fuzzCheck(error == .wrongBlockLength(bytes.count), "wrong size gave \(error)")
        }
    }
    var block = Array(bytes.prefix(CardTextLayout.blockLength))
    while block.count < CardTextLayout.blockLength { block += [0x20, 0x00] }
    block = Array(block.prefix(CardTextLayout.blockLength))
    let identity: Identity
    do {
        identity = try CardTextDecoder.decode(block)
    } catch {
        fuzzCheck(!error.description.isEmpty, "empty error description")
        _ = error.cardRejection
        return
    }
    fuzzCheck((try? CardTextDecoder.fields(of: block)) != nil, "identity decodes but the field list does not")
    let encoded: [UInt8]
    do {
        encoded = try CardTextEncoder.encode(identity)
    } catch {
        fuzzCheck(false, "a decoded identity does not encode: \(error)")
        return
    }
    do {
        let again = try CardTextDecoder.decode(encoded)
        fuzzCheck(again == identity, "round trip changed the identity")
    } catch {
        fuzzCheck(false, "a re-encoded identity does not decode: \(error)")
    }
    _ = identity.masked.description
}

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--make-corpus" {
    let path = arguments.count >= 4 ? arguments[3] : "../seeds/citizens.json"
    let citizens = try SyntheticCitizen.decodeList(from: Data(contentsOf: URL(fileURLWithPath: path)))
    for citizen in citizens {
        let block = try CardTextEncoder.encode(citizen.identity)
        try Data(block).write(to: URL(fileURLWithPath: arguments[2]).appendingPathComponent("\(citizen.key).bin"))
    }
    print("wrote \(citizens.count) blocks to \(arguments[2])")
    exit(0)
}

runFuzzer { data, size in
    guard let data else { return 0 }
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
