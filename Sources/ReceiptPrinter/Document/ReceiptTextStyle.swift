/// How a line of receipt text looks: alignment, emphasis, underline and character size.
///
/// Every style maps to plain ESC/POS commands (`ESC a`, `ESC E`, `ESC -`, `GS !`; research
/// escpos-essp-payment.md A.3), so it prints the same on every ESC/POS printer.
public struct ReceiptTextStyle: Hashable, Sendable {
    /// Horizontal placement of a line; the values are `ESC a n`'s parameter (A.3).
    public enum Alignment: UInt8, Hashable, Sendable, CaseIterable {
        /// Flush left (`ESC a 0`).
        case left = 0
        /// Centred (`ESC a 1`).
        case center = 1
        /// Flush right (`ESC a 2`).
        case right = 2
    }

    /// Where the line sits.
    public var alignment: Alignment
    /// Whether the text is emphasized (bold, `ESC E 1`).
    public var isEmphasized: Bool
    /// Whether the text is underlined (1-dot, `ESC - 1`).
    public var isUnderlined: Bool
    /// The character magnification (`GS ! n`).
    public var size: ReceiptTextSize

    /// Creates a style.
    public init(alignment: Alignment = .left, isEmphasized: Bool = false, isUnderlined: Bool = false, size: ReceiptTextSize = .normal) {
        self.alignment = alignment
        self.isEmphasized = isEmphasized
        self.isUnderlined = isUnderlined
        self.size = size
    }

    /// Plain left-aligned text at normal size: what a printer does after `ESC @`.
    public static let body = ReceiptTextStyle()
    /// Centred plain text.
    public static let centered = ReceiptTextStyle(alignment: .center)
    /// A receipt title: centred, bold, double width and height.
    public static let title = ReceiptTextStyle(alignment: .center, isEmphasized: true, size: .double)
    /// Bold left-aligned text (totals).
    public static let emphasized = ReceiptTextStyle(isEmphasized: true)
}

/// Character magnification, 1…8 times in each direction, as `GS ! n` encodes it:
/// `n = ((width − 1) << 4) | (height − 1)` (research A.3, [PHP] `setTextSize()`).
public struct ReceiptTextSize: Hashable, Sendable, CustomStringConvertible {
    /// Horizontal magnification, 1…8.
    public let width: Int
    /// Vertical magnification, 1…8.
    public let height: Int

    /// Creates a size; values outside 1…8 are clamped, because the printer has no others.
    public init(width: Int, height: Int) {
        self.width = min(8, max(1, width))
        self.height = min(8, max(1, height))
    }

    /// Normal size (`GS ! 00`).
    public static let normal = ReceiptTextSize(width: 1, height: 1)
    /// Double height only (`GS ! 01`): columns stay the same.
    public static let doubleHeight = ReceiptTextSize(width: 1, height: 2)
    /// Double width only (`GS ! 10`): half the columns.
    public static let doubleWidth = ReceiptTextSize(width: 2, height: 1)
    /// Double width and height (`GS ! 11`).
    public static let double = ReceiptTextSize(width: 2, height: 2)

    /// The `GS !` parameter byte.
    public var parameter: UInt8 { UInt8(((self.width - 1) << 4) | (self.height - 1)) }

    public var description: String { "\(self.width)×\(self.height)" }
}
