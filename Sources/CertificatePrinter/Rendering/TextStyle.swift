/// A font size and weight used on proofs.
struct TextStyle: Hashable, Sendable {
    /// Size in points.
    var size: Double
    /// Bold or regular.
    var isBold: Bool = false

    /// The Pango font description string for a family (`Noto Sans CJK SC Bold 20`).
    func fontDescription(family: String) -> String {
        "\(family)\(self.isBold ? " Bold" : "") \(self.size)"
    }

    static let office = TextStyle(size: 11)
    static let titleZH = TextStyle(size: 20, isBold: true)
    static let titleEN = TextStyle(size: 11)
    static let small = TextStyle(size: 8)
    static let smallBold = TextStyle(size: 8, isBold: true)
    static let body = TextStyle(size: 10)
    static let bodyBold = TextStyle(size: 10, isBold: true)
    static let bodyEN = TextStyle(size: 8.5)
    static let cell = TextStyle(size: 8.5)
    static let cellBold = TextStyle(size: 8.5, isBold: true)
    static let headerZH = TextStyle(size: 8.5, isBold: true)
    static let headerEN = TextStyle(size: 7)
    static let running = TextStyle(size: 9, isBold: true)
    static let code = TextStyle(size: 15, isBold: true)
}

/// How text lines up in its box.
enum TextAlignment: Hashable, Sendable {
    case leading
    case center
    case trailing
}
