import KioskCore

/// Money an operator must look at: a note whose fate is unclear (a jam while stacking, a fraud
/// attempt, a validator that went silent), a cash-in a crash left open, a credit nobody asked
/// for, a code payment that could be neither confirmed nor reversed.
///
/// Nothing that moves money is redone automatically. The daemon journals ``journalEntry`` and
/// prints a voucher from ``voucherRows`` and ``voucherNotice`` so the citizen can claim.
public struct CashAttention: Hashable, Sendable, CustomStringConvertible {
    /// The transaction, when the money belongs to one.
    public var transactionID: TransactionID?
    /// Money known to be taken.
    public var credited: Money
    /// Money that may have been taken.
    public var uncertain: Money
    /// What happened, in a technician's words.
    public var reason: String

    /// Creates a record.
    public init(transactionID: TransactionID?, credited: Money, uncertain: Money, reason: String) {
        self.transactionID = transactionID
        self.credited = credited
        self.uncertain = uncertain
        self.reason = reason
    }

    /// The journal line (`needsAttention`), when the money belongs to a transaction.
    public var journalEntry: JournalEntry? {
        guard let transactionID else { return nil }
        return JournalEntry(sessionID: transactionID.session, transactionID: transactionID, event: .needsAttention(self.description))
    }

    /// The rows of the citizen's voucher.
    public var voucherRows: [ReceiptRow] {
        var rows: [ReceiptRow] = []
        if let transactionID { rows.append(ReceiptRow(label: LocalizedText(zh: "交易号", en: "Transaction"), value: transactionID.description)) }
        rows.append(ReceiptRow(label: LocalizedText(zh: "已收款", en: "Received"), value: self.credited.formatted(symbol: "￥")))
        if !self.uncertain.isZero {
            rows.append(ReceiptRow(label: LocalizedText(zh: "待核实", en: "To be checked"), value: self.uncertain.formatted(symbol: "￥")))
        }
        return rows
    }

    /// The box on the voucher.
    public var voucherNotice: LocalizedText {
        LocalizedText(
            zh: "本次付款需人工核实。请保留此凭条，到服务窗口办理。",
            en: "This payment must be checked by staff. Keep this voucher and bring it to a service counter.")
    }

    /// A voucher for the receipt printer (the daemon supplies what the cash module does not know).
    public func voucher(serviceName: LocalizedText, citizen: MaskedIdentity, amountDue: Money) -> ReceiptJob? {
        guard let transactionID else { return nil }
        return ReceiptJob(
            transactionID: transactionID, kind: .voucher, serviceName: serviceName, citizen: citizen, rows: self.voucherRows,
            amountDue: amountDue, amountPaid: self.credited, paymentMethod: .cash, notice: self.voucherNotice)
    }

    public var description: String {
        var text = self.reason
        text += "; credited \(self.credited)"
        if !self.uncertain.isZero { text += ", uncertain \(self.uncertain)" }
        return text
    }
}
