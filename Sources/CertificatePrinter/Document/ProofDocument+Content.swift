import Crypto
import Foundation

extension ProofDocument {
    /// The document's content as one unambiguous byte string: every printed text in order, each
    /// prefixed with its length, plus the citizen's full ID number (which paper shows masked).
    /// Its SHA-256 is the digest the verification payload signs, so a changed row, name, date or
    /// number changes the digest, while the payload itself holds no personal data in clear.
    public var canonicalContent: [UInt8] {
        var encoder = ContentEncoder()
        encoder.append("onetrip-proof-content-v1")
        encoder.append(self.template.rawValue)
        encoder.append(self.documentID)
        encoder.append(self.title.zh)
        encoder.append(self.title.en)
        encoder.append(self.issuingOffice)
        encoder.append(self.citizen.name)
        encoder.append(self.citizen.documentNumber)
        encoder.append(self.citizen.cardType.rawValue)
        for text in self.statement + self.closing {
            encoder.append(text.zh)
            encoder.append(text.en)
        }
        for field in self.fields {
            encoder.append(field.label.zh)
            encoder.append(field.label.en)
            encoder.append(field.value)
        }
        if let table = self.table {
            encoder.append(UInt64(table.columns.count))
            for column in table.columns {
                encoder.append(column.title.zh)
                encoder.append(column.title.en)
            }
            encoder.append(UInt64(table.rows.count))
            for row in table.rows { row.forEach { encoder.append($0) } }
            (table.totals ?? []).forEach { encoder.append($0) }
        }
        encoder.append(UInt64(bitPattern: self.issuedAt.secondsSinceEpoch))
        encoder.append(UInt64(self.validityDays))
        encoder.append(self.kioskID)
        encoder.append(self.transactionID.description)
        return encoder.bytes
    }

    /// SHA-256 of ``canonicalContent``.
    public func contentDigest() -> [UInt8] {
        Array(SHA256.hash(data: self.canonicalContent))
    }
}

/// Length-prefixed encoding, so `("ab", "c")` and `("a", "bc")` never produce the same bytes.
struct ContentEncoder {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        self.append(UInt64(utf8.count))
        self.bytes += utf8
    }

    mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { self.bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
