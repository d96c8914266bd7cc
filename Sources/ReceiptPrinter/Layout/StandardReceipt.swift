import KioskCore

/// The kiosk's standard receipt, slip and voucher, laid out for a paper width.
///
/// ```
///            缴费凭条               (double size, bold)
///         PAYMENT RECEIPT
/// ================================
/// 业务              交通违法罚款缴纳
/// 交易号           HS-0001-000042T
/// 时间         2025-06-01 14:03:05
/// …
/// 应付                     ￥200.00
/// 实付                     ￥200.00
/// ```
///
/// Labels are Chinese, with the English word added where the paper is wide enough (40 columns
/// or more); titles, notices and the QR caption are in both languages. Amounts are printed with
/// `￥` (U+FFE5, GB `A3 A4`), never `¥` (U+00A5), which is a four-byte GB18030 code that
/// GBK-subset firmware cannot print (research A.4); row values holding `¥` are converted. The
/// citizen appears masked only.
public enum StandardReceipt {
    /// Lays out a job.
    /// - Parameters:
    ///   - job: the session's receipt job.
    ///   - context: kiosk id, time and follow-up QR content.
    ///   - columns: the printer's Font A columns per line (32 on 58 mm, 48 on 80 mm).
    public static func document(for job: ReceiptJob, context: ReceiptPrintContext, columns: Int) -> ReceiptDocument {
        var layout = Layout(columns: columns)
        if let heading = context.heading {
            layout.document.appendParagraph(heading.zh, style: .centered, columns: columns)
            if layout.isWide, heading.en != heading.zh { layout.document.appendParagraph(heading.en, style: .centered, columns: columns) }
        }
        let title = Self.title(of: job)
        layout.document.appendParagraph(title.zh, style: .title, columns: columns)
        layout.document.appendParagraph(title.en, style: .centered, columns: columns)
        layout.document.append(.rule("="))

        layout.row("业务", "Service", job.serviceName.zh)
        layout.row("交易号", "Transaction", job.transactionID.description)
        layout.row("时间", "Time", context.issuedAtText)
        layout.row("终端", "Kiosk", context.kioskID)
        layout.row("证件号", "ID No.", job.citizen.documentNumber)
        layout.row("姓名", "Name", job.citizen.name)

        if !job.rows.isEmpty {
            layout.document.append(.rule("-"))
            for row in job.rows { layout.row(row.label.zh, row.label.en, Self.printable(row.value)) }
        }

        if !job.amountDue.isZero || !job.amountPaid.isZero {
            layout.document.append(.rule("-"))
            layout.row("应付", "Due", job.amountDue.formatted(symbol: "￥"))
            layout.row("实付", "Paid", job.amountPaid.formatted(symbol: "￥"))
            if let method = job.paymentMethod {
                let name = Self.name(of: method)
                layout.row("支付方式", "Method", layout.isWide ? "\(name.zh) \(name.en)" : name.zh)
            }
            if job.credit > .zero {
                layout.row("多付", "Credit", job.credit.formatted(symbol: "￥"), style: .emphasized)
                layout.bilingualParagraph(
                    LocalizedText(zh: "多付金额请凭本凭条到服务窗口领取", en: "Claim the overpayment at a service counter with this receipt."))
            }
        }

        if let notice = job.notice {
            layout.document.append(.rule("-"))
            layout.bilingualParagraph(notice)
        }

        if job.kind == .voucher {
            layout.document.append(.rule("-"))
            let barcode = ReceiptBarcode(data: job.transactionID.description, height: 64, moduleWidth: 2)
            if barcode.widthInDots <= columns * 12 { layout.document.append(.barcode(barcode)) }
            layout.bilingualParagraph(LocalizedText(zh: "请妥善保管本凭证", en: "Keep this voucher."))
        }

        if let followUp = context.followUp, !followUp.isEmpty {
            layout.document.append(.rule("-"))
            layout.document.append(.qrCode(ReceiptQRCode(payload: followUp, moduleSize: layout.isWide ? 6 : 4, errorCorrection: .medium)))
            layout.bilingualParagraph(LocalizedText(zh: "扫码查询办理进度", en: "Scan to follow up"))
        }
        layout.document.append(.cut)
        return layout.document
    }

    /// The title for a job's kind.
    static func title(of job: ReceiptJob) -> LocalizedText {
        switch job.kind {
        case .receipt where job.amountPaid.isZero: LocalizedText(zh: "业务凭条", en: "SERVICE RECEIPT")
        case .receipt: LocalizedText(zh: "缴费凭条", en: "PAYMENT RECEIPT")
        case .slip: LocalizedText(zh: "查询凭条", en: "INFORMATION SLIP")
        case .voucher: LocalizedText(zh: "待处理凭证", en: "CLAIM VOUCHER")
        }
    }

    /// A row value as it prints: amounts formatted with `¥` (U+00A5, `Money.description`, a
    /// four-byte GB18030 code) get `￥` (U+FFE5, `A3 A4`) instead (research A.4).
    static func printable(_ value: String) -> String {
        value.contains("\u{00A5}") ? String(value.map { $0 == "\u{00A5}" ? "\u{FFE5}" : $0 }) : value
    }

    /// How a payment method reads on paper.
    static func name(of method: PaymentMethod) -> LocalizedText {
        switch method {
        case .cash: LocalizedText(zh: "现金", en: "Cash")
        case .paymentCode: LocalizedText(zh: "付款码", en: "Payment code")
        }
    }

    /// A document being built for one paper width.
    private struct Layout {
        var document = ReceiptDocument()
        let columns: Int
        /// Whether English labels fit next to the Chinese ones.
        var isWide: Bool { self.columns >= 40 }

        init(columns: Int) { self.columns = columns }

        mutating func row(_ zh: String, _ en: String, _ value: String, style: ReceiptTextStyle = .body) {
            let label = self.isWide && zh != en ? "\(zh) \(en)" : zh
            self.document.append(.row(label: label, value: value, style))
        }

        mutating func bilingualParagraph(_ text: LocalizedText) {
            self.document.appendParagraph(text.zh, style: .centered, columns: self.columns)
            if text.en != text.zh { self.document.appendParagraph(text.en, style: .centered, columns: self.columns) }
        }
    }
}
