/// A receipt as a list of elements, independent of any printer: the layout builds one, the
/// encoder turns it into ESC/POS bytes for a printer profile, and ``transcript(columns:)``
/// says what the paper will read.
///
/// ```swift
/// var receipt = ReceiptDocument()
/// receipt.append(.text("缴费凭条", .title))
/// receipt.append(.row(label: "罚款", value: Money.yuan(200).formatted(symbol: "￥"), .body))
/// receipt.append(.qrCode(ReceiptQRCode(payload: "https://example.org/t/HS-0001-000042T")))
/// receipt.append(.cut)
/// ```
public struct ReceiptDocument: Hashable, Sendable {
    /// The elements, top to bottom.
    public var elements: [ReceiptElement]

    /// Creates a document.
    public init(_ elements: [ReceiptElement] = []) {
        self.elements = elements
    }

    /// Appends one element.
    public mutating func append(_ element: ReceiptElement) {
        self.elements.append(element)
    }

    /// Appends a text wrapped at word boundaries to the paper width, one `.text` per line.
    /// - Parameters:
    ///   - text: the text (no line breaks).
    ///   - style: its style; double-width text gets half the columns.
    ///   - columns: the printer's Font A columns per line.
    public mutating func appendParagraph(_ text: String, style: ReceiptTextStyle, columns: Int) {
        let capacity = columns / style.size.width
        for line in PrintWidth.wordWrap(text, capacity: capacity) {
            self.elements.append(.text(line, style))
        }
    }
}

/// An element resolved for a paper width: rows become padded lines, rules get their length.
/// Both the encoder and the transcript work from these, so they cannot disagree on layout.
enum ResolvedElement: Hashable, Sendable {
    case text(String, ReceiptTextStyle)
    case qrCode(ReceiptQRCode)
    case barcode(ReceiptBarcode)
    case feed(Int)
    case cut
}

extension ReceiptDocument {
    /// The elements with rows and rules laid out for `columns` Font A columns.
    func resolved(columns: Int) -> [ResolvedElement] {
        var lines: [ResolvedElement] = []
        for element in self.elements {
            switch element {
            case .text(let text, let style):
                lines.append(.text(text, style))
            case .row(let label, let value, var style):
                style.alignment = .left
                let capacity = columns / style.size.width
                let gap = capacity - PrintWidth.columns(of: label) - PrintWidth.columns(of: value)
                if gap >= 1 {
                    lines.append(.text(label + String(repeating: " ", count: gap) + value, style))
                } else {
                    lines.append(.text(label, style))
                    style.alignment = .right
                    for piece in PrintWidth.wordWrap(value, capacity: capacity) { lines.append(.text(piece, style)) }
                }
            case .rule(let character):
                let unit = character.isASCII && !character.isWhitespace ? character : "-"
                lines.append(.text(String(repeating: unit, count: columns), .body))
            case .qrCode(let code):
                lines.append(.qrCode(code))
            case .barcode(let barcode):
                lines.append(.barcode(barcode))
            case .feed(let count):
                lines.append(.feed(max(0, count)))
            case .cut:
                lines.append(.cut)
            }
        }
        return lines
    }
}
