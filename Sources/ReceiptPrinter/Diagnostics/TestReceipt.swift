import DeviceKit
import Foundation
import KioskCore

/// The technician's test receipt: where and when it was printed, a character test (Chinese in
/// GB18030 two-byte codes and the full-width yuan sign `￥`), a QR code, and a cut. It is marked as
/// not being a receipt and holds no citizen data.
///
/// ```
///        打印机测试            (double size, bold)
///       PRINTER TEST
/// ================================
/// 终端 Kiosk                HS-0001
/// 时间 Time     2025-06-01 14:03:05
/// 纸宽 Paper           80 mm, 48 col
/// --------------------------------
/// 中文测试 汉字 一二三四五六七八九十
/// 金额 Amount               ￥12.50
/// ASCII 0123456789 ABCDEF abcdef
/// ```
public enum TestReceipt {
    /// The content of the QR code: `ONETRIP-TEST HS-0001 2025-06-01T14:03:05`.
    public static func qrPayload(context: ReceiptPrintContext) -> String {
        "ONETRIP-TEST \(context.kioskID) \(context.issuedAtText.replacingOccurrences(of: " ", with: "T"))"
    }

    /// The sample amount printed in the character test.
    public static let sampleAmount = Money(fen: 1250)

    /// Lays out the test receipt.
    /// - Parameters:
    ///   - context: the kiosk id and the time.
    ///   - capabilities: the printer's paper width and columns (printed, so a wrong profile shows).
    public static func document(context: ReceiptPrintContext, capabilities: ReceiptPrinterCapabilities) -> ReceiptDocument {
        let columns = capabilities.columns
        var document = ReceiptDocument()
        document.appendParagraph("打印机测试", style: .title, columns: columns)
        document.appendParagraph("PRINTER TEST", style: .centered, columns: columns)
        document.append(.rule("="))
        document.append(.row(label: "终端 Kiosk", value: context.kioskID, .body))
        document.append(.row(label: "时间 Time", value: context.issuedAtText, .body))
        document.append(.row(label: "纸宽 Paper", value: "\(capabilities.paperWidthMillimetres) mm, \(columns) col", .body))
        document.append(.rule("-"))
        document.appendParagraph("中文测试 汉字 一二三四五六七八九十", style: .body, columns: columns)
        document.append(.row(label: "金额 Amount", value: Self.sampleAmount.formatted(symbol: "￥"), .body))
        document.append(.text("ASCII 0123456789 ABCDEF abcdef", .body))
        document.append(.rule("-"))
        document.append(.qrCode(ReceiptQRCode(payload: Self.qrPayload(context: context))))
        document.appendParagraph("非收据 NOT A RECEIPT", style: .centered, columns: columns)
        document.append(.cut)
        return document
    }
}
