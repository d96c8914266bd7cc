/// Where things go on an A4 proof, in PDF points (1/72 in).
enum PageGeometry {
    /// ISO 216 A4: 210 × 297 mm.
    static let width = 595.2756
    /// ISO 216 A4 height.
    static let height = 841.8898
    /// 20 mm side margins.
    static let margin = 56.69
    /// Top margin (15 mm).
    static let top = 42.52
    /// Bottom margin (12 mm), clear of most laser printers' unprintable edge.
    static let bottom = 34.0
    /// The content width.
    static let contentWidth = width - 2 * margin
    /// The footer band's height (QR code and page data).
    static let footerHeight = 96.0
    /// The QR code's side (28 mm).
    static let qrSide = 79.4
    /// The table header row's height.
    static let tableHeaderHeight = 26.0
    /// A table row's height.
    static let rowHeight = 15.5
    /// Where the body ends on every page.
    static var bodyBottom: Double { height - bottom - footerHeight - 8 }
}
